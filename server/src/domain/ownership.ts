// Who may change what: a video, a channel or a playlist only by its owner. One check, so every refusal reads the same.
import { Forbidden } from './errors.js';

const REFUSALS = {
  video: ['not_video_owner', 'Only its owner can change this video'],
  channel: ['not_channel_owner', 'Only its owner can change this channel'],
  playlist: ['not_playlist_owner', 'Only its owner can change this playlist'],
} as const;

/** Returns `resource` when `actorId` owns it; refuses with 403 otherwise. */
export function ownedBy<T extends { ownerId: string }>(
  resource: T,
  actorId: string,
  kind: keyof typeof REFUSALS,
): T {
  if (resource.ownerId === actorId) return resource;
  const [code, message] = REFUSALS[kind];
  throw new Forbidden(code, message);
}
