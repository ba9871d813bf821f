// The browser tab names the page, so history and tabs stay readable.
import { useEffect } from 'react';

export function usePageTitle(title: string | undefined) {
  useEffect(() => {
    document.title = title ? `${title} – VidStream` : 'VidStream';
  }, [title]);
}
