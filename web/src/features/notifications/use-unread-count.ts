import { useEffect, useState } from 'react';
import { fetchUnreadCount } from './inbox.api';

const CHANGED = 'yuqing:inbox-changed';
const POLL_MS = 30_000;

/** Tells the header's bell that the inbox changed here (read, read all), so it need not wait. */
export function announceInboxChanged(): void {
  window.dispatchEvent(new Event(CHANGED));
}

/**
 * The signed-in user's unread count: fetched now, every 30 s while the page is visible, when the
 * window regains focus and when this tab changed the inbox. Undefined until the first answer.
 */
export function useUnreadCount(): number | undefined {
  const [count, setCount] = useState<number | undefined>(undefined);
  useEffect(() => {
    let controller: AbortController | null = null;
    const load = () => {
      // A hidden tab does not poll: it catches up when it is looked at again.
      if (document.visibilityState === 'hidden') return;
      controller?.abort();
      const current = new AbortController();
      controller = current;
      fetchUnreadCount(current.signal).then(
        (answer) => {
          if (!current.signal.aborted) setCount(answer.count);
        },
        // A failed poll keeps the last count; a 401 is handled by the API client.
        () => undefined,
      );
    };
    load();
    const timer = window.setInterval(load, POLL_MS);
    window.addEventListener('focus', load);
    window.addEventListener(CHANGED, load);
    document.addEventListener('visibilitychange', load);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('focus', load);
      window.removeEventListener(CHANGED, load);
      document.removeEventListener('visibilitychange', load);
      controller?.abort();
    };
  }, []);
  return count;
}
