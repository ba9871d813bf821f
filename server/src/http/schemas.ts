// Response and shared request schemas: one source for validation, serialisation, types and OpenAPI.
import { type Static, Type } from 'typebox';
import { ROLES } from '../domain/roles.js';

export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'Stable machine-readable code, e.g. invalid_input' }),
      message: Type.String({ description: 'Explanation a person can act on' }),
      field: Type.Optional(Type.String({ description: 'The request field at fault, for validation errors' })),
    }),
  },
  { $id: 'ErrorResponse' },
);

export const Handle = Type.String({
  minLength: 3,
  maxLength: 30,
  pattern: '^[A-Za-z0-9_][A-Za-z0-9_.-]*$',
  description: '3–30 letters, digits, "_", "." or "-" (not first); unique whatever the case',
});
export const DisplayName = Type.String({ minLength: 1, maxLength: 60, pattern: '\\S' });
export const ChannelDescription = Type.String({ maxLength: 5000 });
/** What a channel's owner may change. */
export const ChannelChanges = Type.Object(
  { displayName: Type.Optional(DisplayName), description: Type.Optional(ChannelDescription) },
  { additionalProperties: false, minProperties: 1 },
);

export const Channel = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    handle: Type.String(),
    displayName: Type.String(),
    description: Type.String(),
    avatarUrl: Type.Union([Type.String(), Type.Null()]),
    subscriberCount: Type.Integer(),
    videoCount: Type.Integer(),
    subscribed: Type.Optional(Type.Boolean({ description: 'Only when signed in: whether I follow it' })),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Channel' },
);

export const SubscriptionState = Type.Object(
  { subscribed: Type.Boolean(), subscriberCount: Type.Integer() },
  { $id: 'SubscriptionState' },
);

/** Query of every list: an opaque cursor from the previous page, and a page size. */
/** Text people write (a comment, a chat message): not blank, at most `maxLength` characters. */
export const WrittenText = (maxLength: number, stored: string) =>
  Type.String({
    minLength: 1,
    maxLength,
    pattern: '\\S',
    description: `Plain text, ${stored}; clients must show it as text, never as markup`,
  });

export const PageQuery = Type.Object({
  cursor: Type.Optional(Type.String({ maxLength: 500 })),
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
});

export const Role = Type.Enum(ROLES, {
  description: 'administrator: everything, roles included; moderator: reports and acting on them',
});

export const AccountState = Type.Union([Type.Literal('active'), Type.Literal('suspended')], {
  description: 'suspended: cannot sign in; its channel and videos are shown to moderators only',
});

export const User = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    email: Type.String(),
    role: Role,
    state: AccountState,
    handle: Type.String(),
    displayName: Type.String(),
    avatarUrl: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'User' },
);

export type ChannelJson = Static<typeof Channel>;
export type UserJson = Static<typeof User>;

/** Error answers every route may give, referenced by each route's schema. */
export function errorResponses<const Statuses extends number[]>(...statuses: Statuses) {
  return Object.fromEntries(statuses.map((status) => [status, Type.Ref('ErrorResponse')])) as Record<
    Statuses[number],
    ReturnType<typeof Type.Ref<'ErrorResponse'>>
  >;
}
