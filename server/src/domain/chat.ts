// Live chat: short messages beside a video's player, kept with the video. A change (a message, or its
// deletion) carries a revision: a follower that has seen revision N is told only of later ones.

export const CHAT_MESSAGE_MAX_LENGTH = 200;

export interface ChatAuthor {
  id: string;
  handle: string;
  displayName: string;
}

export interface ChatMessage {
  id: string;
  videoId: string;
  author: ChatAuthor;
  /** Empty once deleted. */
  body: string;
  /** The message's latest change; a follower asks for the changes after the last one it saw. */
  revision: string;
  createdAt: Date;
  deleted: boolean;
}

/** What a follower of a video's chat is told, in order of revision. */
export type ChatChange =
  | { kind: 'message'; message: ChatMessage }
  | { kind: 'deleted'; id: string; revision: string };

export const revisionOf = (change: ChatChange): string =>
  change.kind === 'message' ? change.message.revision : change.revision;
