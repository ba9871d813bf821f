// Instance settings, accounts awaiting approval and the background jobs as the API takes and shows them.
import { type Static, Type } from 'typebox';
import {
  MAX_INSTANCE_DESCRIPTION_LENGTH,
  MAX_INSTANCE_NAME_LENGTH,
  SIGN_UP_MODES,
} from '../domain/instance-settings.js';

const SignUps = Type.Enum(SIGN_UP_MODES, {
  description: 'open: anyone; approval: an administrator approves each new account; closed: nobody',
});
const InstanceName = Type.String({ minLength: 1, maxLength: MAX_INSTANCE_NAME_LENGTH, pattern: '\\S' });
const InstanceDescription = Type.String({
  maxLength: MAX_INSTANCE_DESCRIPTION_LENGTH,
  description: 'Plain text, shown on the home page',
});

/** The limits as configuration reads them (config.ts): the same bounds for the instance setting. */
const UploadQuotas = Type.Object(
  {
    uploadsInFlight: Type.Integer({ minimum: 1, maximum: 10_000 }),
    bytesPerDay: Type.Integer({ minimum: 1024, maximum: 1024 ** 5 }),
    queuedVideos: Type.Integer({ minimum: 1, maximum: 100_000 }),
    gigapixelsPerDay: Type.Integer({ minimum: 1, maximum: 1_000_000_000 }),
  },
  { additionalProperties: false, description: "Every account's upload quotas" },
);

export const PublicInstance = Type.Object({
  name: Type.String(),
  description: Type.String(),
  signUps: SignUps,
});

export const InstanceSettings = Type.Object({
  name: Type.String(),
  description: Type.String(),
  signUps: SignUps,
  uploadQuotas: UploadQuotas,
});

export const InstanceSettingsChange = Type.Object(
  {
    name: Type.Optional(InstanceName),
    description: Type.Optional(InstanceDescription),
    signUps: Type.Optional(SignUps),
    uploadQuotas: Type.Optional(Type.Partial(UploadQuotas, { additionalProperties: false })),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const PendingAccount = Type.Object({
  id: Type.String({ format: 'uuid' }),
  email: Type.String(),
  handle: Type.String(),
  displayName: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
});

export const JobCounts = Type.Object({
  name: Type.String(),
  waiting: Type.Integer({ description: 'Waiting to be taken, or to be tried again' }),
  active: Type.Integer(),
  failed: Type.Integer({ description: 'Failed on their last attempt' }),
});

export const FailedJob = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  videoId: Type.Union([Type.String(), Type.Null()]),
  error: Type.Union([Type.String(), Type.Null()]),
  failedAt: Type.String({ format: 'date-time' }),
  attempts: Type.Integer(),
});

export type PublicInstanceJson = Static<typeof PublicInstance>;
export type PendingAccountJson = Static<typeof PendingAccount>;
export type FailedJobJson = Static<typeof FailedJob>;
