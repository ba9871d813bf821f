// Keeps the one player that plays on across pages. The watch page lends it a slot (PlayerSlot); when the
// page goes while its video plays, the same player, <video> and stream carry on in a corner of the window
// (the mini-player). The player renders into a node of its own that is moved between the slot and the
// corner: React keeps it mounted, and the browser keeps playing an element moved within one task.
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { createPortal } from 'react-dom';
import { useMatch, useNavigate } from 'react-router';
import { VideoPlayer, type VideoPlayerProps } from './VideoPlayer.js';

/** The player as the watch page asks for it; the host decides when it is mini. */
export type HostedPlayer = Omit<VideoPlayerProps, 'mini'>;

interface PlayerHostActions {
  /** The watch page's slot shows this player (the one already playing, when it is the same video). */
  show(slot: HTMLElement, player: HostedPlayer): void;
  /** The slot is going: a video that plays becomes the mini-player, one paused stops. */
  leave(slot: HTMLElement): void;
}

interface Hosted {
  player: HostedPlayer;
  /** Where it shows: the watch page's slot, or null in the corner. */
  slot: HTMLElement | null;
}

const PlayerHostContext = createContext<PlayerHostActions | null>(null);

export function usePlayerHost(): PlayerHostActions {
  const host = useContext(PlayerHostContext);
  if (!host) throw new Error('A player slot needs a PlayerHost around it');
  return host;
}

function isPlaying(mount: HTMLElement): boolean {
  const video = mount.querySelector('video');
  return video !== null && !video.paused && !video.ended;
}

export function PlayerHost({ children }: { children: ReactNode }) {
  const [mount] = useState(() => document.createElement('div'));
  const [hosted, setHosted] = useState<Hosted | null>(null);
  const corner = useRef<HTMLElement>(null);
  /**
   * Set by a mini-player button whose press moves or removes the player, and so the focus on it: where
   * focus goes once that place exists.
   */
  const focusAfterMove = useRef<(() => HTMLElement | null) | null>(null);
  const navigate = useNavigate();
  const openedId = useMatch('/watch/:id')?.params.id;

  const show = useCallback((slot: HTMLElement, player: HostedPlayer) => setHosted({ player, slot }), []);
  const leave = useCallback(
    (slot: HTMLElement) => {
      const playing = isPlaying(mount);
      setHosted((current) => {
        if (current?.slot !== slot) return current;
        return playing ? { ...current, slot: null } : null;
      });
    },
    [mount],
  );
  const host = useMemo(() => ({ show, leave }), [show, leave]);

  const slot = hosted?.slot ?? null;
  const videoId = hosted?.player.video.id;
  // Another video's watch page replaces the mini-player, even while that page still loads.
  if (hosted && !slot && openedId !== undefined && openedId !== videoId) setHosted(null);

  // A layout effect: the move happens in the same task as the page change, so the video never pauses.
  useLayoutEffect(() => {
    const place = slot ?? corner.current;
    if (place && mount.parentElement !== place) place.appendChild(mount);
  }, [mount, slot]);
  // After every render, once the player is where it goes (or gone).
  useLayoutEffect(() => {
    const target = focusAfterMove.current?.();
    if (!target) return;
    target.focus();
    focusAfterMove.current = null;
  });

  // The pressed button goes with the move; a keyboard user lands on the player (back on its page) or on
  // the page (closed) rather than at the top of the document.
  const miniActions = useMemo(
    () => ({
      onExpand: () => {
        focusAfterMove.current = () => mount.querySelector<HTMLElement>('.player-controls button');
        navigate(`/watch/${videoId}`);
      },
      onClose: () => {
        focusAfterMove.current = () => document.getElementById('main');
        setHosted(null);
      },
    }),
    [mount, navigate, videoId],
  );

  return (
    <PlayerHostContext.Provider value={host}>
      {children}
      {hosted &&
        createPortal(
          <VideoPlayer
            key={hosted.player.video.id}
            {...hosted.player}
            theatre={slot ? hosted.player.theatre : undefined}
            mini={slot ? undefined : miniActions}
          />,
          mount,
        )}
      {hosted && !slot && <aside className="mini-player" aria-label="Mini player" ref={corner} />}
    </PlayerHostContext.Provider>
  );
}
