// The browser tab names the page and the instance, so history and tabs stay readable.
import { useEffect } from 'react';
import { useInstanceName } from '../api/instance.js';

export function usePageTitle(title: string | undefined) {
  const instance = useInstanceName();
  useEffect(() => {
    document.title = title ? `${title} – ${instance}` : instance;
  }, [title, instance]);
}
