// What administrators set for the whole instance: its name and description, who may sign up, and the
// upload quotas every account gets.
import type { UploadQuotaLimits } from './upload-quota.js';

/** Open: anyone; approval: an administrator lets each new account in; closed: nobody. */
export const SIGN_UP_MODES = ['open', 'approval', 'closed'] as const;
export type SignUpMode = (typeof SIGN_UP_MODES)[number];

export const MAX_INSTANCE_NAME_LENGTH = 60;
export const MAX_INSTANCE_DESCRIPTION_LENGTH = 1_000;

export interface InstanceSettings {
  name: string;
  description: string;
  signUps: SignUpMode;
  uploadQuotas: UploadQuotaLimits;
}

/** A change: only the fields given, the quotas each on its own. */
export interface InstanceSettingsChange {
  name?: string;
  description?: string;
  signUps?: SignUpMode;
  uploadQuotas?: Partial<UploadQuotaLimits>;
}

/** What anyone may read: the web app's home and sign-up pages show it. */
export type PublicInstance = Pick<InstanceSettings, 'name' | 'description' | 'signUps'>;
