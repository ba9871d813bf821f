// The copy of the instance settings each process keeps: read once per TTL however many ask, read again
// after it, never kept when the read failed, and replaced at once by a change made in this process.
import { expect, it } from 'vitest';
import type { AuditLogRepository } from '../../../src/adapters/db/audit-log.repository.js';
import type { InstanceSettingsRepository } from '../../../src/adapters/db/instance-settings.repository.js';
import type { InstanceSettings, InstanceSettingsChange } from '../../../src/domain/instance-settings.js';
import { InstanceSettingsService } from '../../../src/services/administration/instance-settings.service.js';

const TTL_MS = 5_000;
const QUOTAS = { uploadsInFlight: 10, bytesPerDay: 1_000_000, queuedVideos: 20, gigapixelsPerDay: 1_500 };

/** A settings table in memory that counts its reads and can be made to fail one. */
function storedSettings() {
  const stored = {
    row: { name: 'VidStream', description: '', signUps: 'open', uploadQuotas: QUOTAS } as InstanceSettings,
    reads: 0,
    failNext: false,
  };
  const repository = {
    read: async () => {
      stored.reads += 1;
      if (stored.failNext) {
        stored.failNext = false;
        throw new Error('database away');
      }
      return stored.row;
    },
    change: async (change: InstanceSettingsChange, record: (...args: unknown[]) => Promise<unknown>) => {
      const before = stored.row;
      stored.row = { ...before, ...change, uploadQuotas: { ...before.uploadQuotas, ...change.uploadQuotas } };
      await record(before, stored.row, undefined);
      return stored.row;
    },
  };
  return { stored, repository: repository as unknown as InstanceSettingsRepository };
}

function service(repository: InstanceSettingsRepository, clock: { now: number }) {
  const auditLog = { record: () => async () => undefined } as unknown as AuditLogRepository;
  return new InstanceSettingsService({ settings: repository, auditLog, ttlMs: TTL_MS, now: () => clock.now });
}

it('reads the settings once per TTL however many ask, and again once it has passed', async () => {
  const { stored, repository } = storedSettings();
  const clock = { now: 0 };
  const settings = service(repository, clock);
  await Promise.all(Array.from({ length: 20 }, () => settings.current()));
  clock.now = TTL_MS - 1;
  await settings.current();
  expect(stored.reads).toBe(1);

  stored.row = { ...stored.row, name: 'Changed elsewhere' };
  expect((await settings.current()).name).toBe('VidStream');
  clock.now = TTL_MS;
  expect((await settings.current()).name).toBe('Changed elsewhere');
  expect(stored.reads).toBe(2);
});

it('does not keep a failed read: the next caller asks again', async () => {
  const { stored, repository } = storedSettings();
  const settings = service(repository, { now: 0 });
  stored.failNext = true;
  await expect(settings.current()).rejects.toThrow('database away');
  expect((await settings.current()).signUps).toBe('open');
  expect(stored.reads).toBe(2);
});

it('uses a change made in this process at once', async () => {
  const { stored, repository } = storedSettings();
  const settings = service(repository, { now: 0 });
  await settings.current();
  await settings.change({ id: 'admin', role: 'administrator' }, { signUps: 'closed' });
  expect((await settings.current()).signUps).toBe('closed');
  expect(stored.reads).toBe(1);
});
