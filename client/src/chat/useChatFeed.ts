// A live chat as it happens: the recent history, then every change after it from the chat's event stream.
// The browser's EventSource comes back by itself after a dropped connection, sending the last event id it
// got (Last-Event-ID), so nothing is missed; a stream the server refused (a limit, or gone) is opened again
// after a pause, from the last revision heard. Only the newest messages are kept.
import { useCallback, useEffect, useState } from 'react';
import { type ChatMessage, chatEventsUrl, recentChat } from '../api/chat.js';

/** Messages kept (and so in the page) at most: a busy chat scrolls through thousands. */
export const CHAT_MESSAGES_KEPT = 200;
const HISTORY_LENGTH = 50;
const REOPEN_AFTER_MS = 5_000;

export interface ChatFeed {
  messages: ChatMessage[];
  /** The history could not be read (the stream may still bring new messages). */
  failed: boolean;
  /** Takes a message away at once (deleted here: a chat not followed hears of it from no stream). */
  remove: (id: string) => void;
}

export function useChatFeed(videoId: string, follow: boolean): ChatFeed {
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let stopped = false;
    let events: EventSource | undefined;
    let reopen: ReturnType<typeof setTimeout> | undefined;
    let lastRevision: string | undefined;

    const heard = (revision: string) => {
      if (lastRevision === undefined || BigInt(revision) > BigInt(lastRevision)) lastRevision = revision;
    };
    const add = (message: ChatMessage) => {
      heard(message.revision);
      setMessages((shown) =>
        shown.some((each) => each.id === message.id) ? shown : [...shown, message].slice(-CHAT_MESSAGES_KEPT),
      );
    };
    const open = () => {
      if (stopped) return;
      const source = new EventSource(chatEventsUrl(videoId, lastRevision));
      events = source;
      source.addEventListener('message', (event) => add(JSON.parse(event.data) as ChatMessage));
      source.addEventListener('deleted', (event) => {
        const { id } = JSON.parse(event.data) as { id: string };
        heard(event.lastEventId);
        setMessages((shown) => shown.filter((each) => each.id !== id));
      });
      source.addEventListener('error', () => {
        // CONNECTING: the browser is already coming back. CLOSED: it gave up (an error answer).
        if (source.readyState !== EventSource.CLOSED) return;
        reopen = setTimeout(open, REOPEN_AFTER_MS);
      });
    };

    setMessages([]);
    setFailed(false);
    recentChat(videoId, HISTORY_LENGTH)
      .then((history) => {
        if (stopped) return;
        for (const message of history) heard(message.revision);
        setMessages(history);
      })
      .catch(() => setFailed(true))
      .finally(() => {
        if (follow) open();
      });
    return () => {
      stopped = true;
      clearTimeout(reopen);
      events?.close();
    };
  }, [videoId, follow]);

  const remove = useCallback(
    (id: string) => setMessages((shown) => shown.filter((each) => each.id !== id)),
    [],
  );
  return { messages, failed, remove };
}
