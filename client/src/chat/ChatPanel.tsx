// The live chat beside the player: messages as they come, newest at the foot (followed there unless the
// viewer scrolled up to read), a box to write in while the video is live, and, for the video's owner and
// each author, a way to delete a message. After the stream the chat stays, read-only.
import { type FormEvent, useLayoutEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { deleteChatMessage, postChatMessage } from '../api/chat.js';
import { errorMessage, type Video } from '../api/client.js';
import { useSession } from '../api/session.js';
import { useChatFeed } from './useChatFeed.js';

const MAX_LENGTH = 200;
/** Within this many pixels of the foot counts as at the foot. */
const FOOT_SLACK_PX = 40;

export function ChatPanel({ video }: { video: Video }) {
  const { session } = useSession();
  const live = video.live?.state === 'live';
  const feed = useChatFeed(video.id, live);
  const list = useRef<HTMLOListElement>(null);
  const [atFoot, setAtFoot] = useState(true);
  const mine = session?.channel.id === video.channel.id;

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when messages change, to follow them
  useLayoutEffect(() => {
    if (atFoot && list.current) list.current.scrollTop = list.current.scrollHeight;
  }, [feed.messages, atFoot]);

  const toFoot = () => {
    if (list.current) list.current.scrollTop = list.current.scrollHeight;
    setAtFoot(true);
  };
  return (
    <section className="chat card" aria-label="Live chat">
      <h2 className="chat-heading">{live ? 'Live chat' : 'Chat replay'}</h2>
      <ol
        className="chat-messages"
        ref={list}
        // A log: new entries are read out politely, in order.
        role="log"
        onScroll={(event) => {
          const box = event.currentTarget;
          setAtFoot(box.scrollHeight - box.scrollTop - box.clientHeight < FOOT_SLACK_PX);
        }}
      >
        {feed.messages.map((message) => (
          <li key={message.id} className="chat-message">
            <Link to={`/@${message.author.handle}`} className="chat-author">
              {message.author.displayName}
            </Link>{' '}
            <span className="chat-body">{message.body}</span>
            {session && (mine || message.author.id === session.user.id) && (
              <DeleteButton videoId={video.id} messageId={message.id} onDeleted={feed.remove} />
            )}
          </li>
        ))}
        {feed.messages.length === 0 && <li className="muted chat-empty">No messages yet.</li>}
      </ol>
      {!atFoot && (
        <button type="button" className="chat-to-newest" onClick={toFoot}>
          Newest messages
        </button>
      )}
      {feed.failed && <p className="error">The chat's history could not be loaded.</p>}
      {!live ? (
        <p className="muted chat-closed">The stream has ended: the chat is closed.</p>
      ) : session ? (
        <ChatForm videoId={video.id} onSent={toFoot} />
      ) : (
        <p className="muted chat-closed">
          <Link to={`/signin?next=/watch/${video.id}`}>Sign in</Link> to chat.
        </p>
      )}
    </section>
  );
}

function ChatForm({ videoId, onSent }: { videoId: string; onSent: () => void }) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function send(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      // The message reaches this chat through its event stream, as everyone else's do.
      await postChatMessage(videoId, text.trim());
      setText('');
      onSent();
    } catch (failure) {
      // The server's own words: too long, too many at once, the chat closed.
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  const left = MAX_LENGTH - text.trim().length;
  return (
    <form className="chat-form" onSubmit={send}>
      <input
        type="text"
        aria-label="Chat message"
        placeholder="Say something…"
        value={text}
        onChange={(event) => setText(event.target.value)}
        autoComplete="off"
      />
      <span className={left < 0 ? 'chat-count error' : 'chat-count muted'}>{left}</span>
      <button type="submit" className="button-primary" disabled={busy || text.trim() === ''}>
        Send
      </button>
      {error && (
        <p className="error chat-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

interface DeleteButtonProps {
  videoId: string;
  messageId: string;
  onDeleted: (messageId: string) => void;
}

function DeleteButton({ videoId, messageId, onDeleted }: DeleteButtonProps) {
  const [failed, setFailed] = useState(false);
  return (
    <button
      type="button"
      className="chat-delete"
      aria-label="Delete message"
      title={failed ? 'Could not delete: try again' : 'Delete message'}
      onClick={() =>
        deleteChatMessage(videoId, messageId).then(
          () => onDeleted(messageId),
          () => setFailed(true),
        )
      }
    >
      ×
    </button>
  );
}
