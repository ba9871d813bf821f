// Live chat as the API shows it.
import { type Static, Type } from 'typebox';
import { CHAT_MESSAGE_MAX_LENGTH, type ChatMessage } from '../domain/chat.js';
import { WrittenText } from './schemas.js';

export const ChatText = WrittenText(CHAT_MESSAGE_MAX_LENGTH, 'trimmed');

export const ChatMessageJson = Type.Object(
  {
    id: Type.String({ pattern: '^[0-9]{1,18}$' }),
    videoId: Type.String(),
    author: Type.Object({
      id: Type.String({ format: 'uuid', description: "The author's account" }),
      handle: Type.String(),
      displayName: Type.String(),
    }),
    body: Type.String(),
    revision: Type.String({
      description: 'The order of changes in this chat: the `id` of its event on the live stream',
    }),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'ChatMessage' },
);
export type ChatMessageJson = Static<typeof ChatMessageJson>;

export const ChatPage = Type.Object({
  items: Type.Array(Type.Ref('ChatMessage')),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

export function chatMessageJson(message: ChatMessage): ChatMessageJson {
  return {
    id: message.id,
    videoId: message.videoId,
    author: message.author,
    body: message.body,
    revision: message.revision,
    createdAt: message.createdAt.toISOString(),
  };
}
