// The instance settings: administrators read and change them (each change in the audit log, with the
// fields it changed); everything else reads them through a copy each process keeps for a few seconds, so
// the quota checks and sign-ups cost no query, and every API process sees a change within that time.
import type { AuditLogRepository } from '../../adapters/db/audit-log.repository.js';
import type { InstanceSettingsRepository } from '../../adapters/db/instance-settings.repository.js';
import type {
  InstanceSettings,
  InstanceSettingsChange,
  PublicInstance,
} from '../../domain/instance-settings.js';
import type { AuditValue } from '../../domain/moderation.js';
import { type Actor, withPower } from '../../domain/roles.js';

export interface InstanceSettingsDeps {
  settings: InstanceSettingsRepository;
  auditLog: AuditLogRepository;
  /** How long a process trusts its copy: the longest another process takes to see a change. */
  ttlMs: number;
  now?: () => number;
}

export class InstanceSettingsService {
  private cached: { settings: Promise<InstanceSettings>; until: number } | undefined;
  private readonly now: () => number;

  constructor(private readonly deps: InstanceSettingsDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** The settings as this process last read them, at most `ttlMs` old. */
  current(): Promise<InstanceSettings> {
    const now = this.now();
    if (!this.cached || this.cached.until <= now) {
      const settings = this.deps.settings.read();
      this.cached = { settings, until: now + this.deps.ttlMs };
      // A failed read is not kept: the next caller asks again.
      settings.catch(() => {
        if (this.cached?.settings === settings) this.cached = undefined;
      });
    }
    return this.cached.settings;
  }

  async publicInstance(): Promise<PublicInstance> {
    const { name, description, signUps } = await this.current();
    return { name, description, signUps };
  }

  async read(actor: Actor): Promise<InstanceSettings> {
    withPower(actor, 'administer');
    return this.deps.settings.read();
  }

  async change(actor: Actor, change: InstanceSettingsChange): Promise<InstanceSettings> {
    withPower(actor, 'administer');
    const trimmed = {
      ...change,
      ...(change.name !== undefined && { name: change.name.trim() }),
      ...(change.description !== undefined && { description: change.description.trim() }),
    };
    const after = await this.deps.settings.change(trimmed, async (before, after, trx) => {
      const changes = changedFields(before, after);
      if (Object.keys(changes).length === 0) return;
      await this.deps.auditLog.record({
        actorId: actor.id,
        action: 'settings_changed',
        targetKind: 'instance',
        targetId: 'settings',
        reason: null,
        details: { changes },
      })(trx);
    });
    this.cached = { settings: Promise.resolve(after), until: this.now() + this.deps.ttlMs };
    return after;
  }
}

/** Each setting whose value differs, quotas by their own names: `{ field: { from, to } }`. */
function changedFields(before: InstanceSettings, after: InstanceSettings) {
  const flat = ({ uploadQuotas, ...rest }: InstanceSettings): Record<string, AuditValue> => ({
    ...rest,
    ...uploadQuotas,
  });
  const [from, to] = [flat(before), flat(after)];
  return Object.fromEntries(
    Object.keys(to)
      .filter((field) => from[field] !== to[field])
      .map((field) => [field, { from: from[field] as AuditValue, to: to[field] as AuditValue }]),
  );
}
