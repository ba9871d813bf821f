// Where the watch page's link asks the video to start (`?t=`), if it does.
import { useSearchParams } from 'react-router';
import { parseStartTime } from './startTime.js';

export function useLinkStart(): number | undefined {
  const [params] = useSearchParams();
  return parseStartTime(params.get('t'));
}
