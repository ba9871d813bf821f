// SQL for the instance settings: one row, changed under a lock with the audit entry in the same
// transaction. A quota stored as null follows the configuration, given as `defaults`.
import type { Kysely, Selectable } from 'kysely';
import type { InstanceSettings, InstanceSettingsChange } from '../../domain/instance-settings.js';
import type { UploadQuotaLimits } from '../../domain/upload-quota.js';
import type { Database, InstanceSettingsTable } from './schema.js';

export class InstanceSettingsRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly defaults: UploadQuotaLimits,
  ) {}

  async read(): Promise<InstanceSettings> {
    const row = await this.db.selectFrom('instance_settings').selectAll().executeTakeFirstOrThrow();
    return this.toSettings(row);
  }

  /**
   * Applies `change` and runs `record` (the audit log) in the same transaction, told the settings before
   * and after; the row is locked, so two changes at once are recorded one after the other.
   */
  async change(
    change: InstanceSettingsChange,
    record: (before: InstanceSettings, after: InstanceSettings, trx: Kysely<Database>) => Promise<unknown>,
  ): Promise<InstanceSettings> {
    return this.db.transaction().execute(async (trx) => {
      const locked = await trx
        .selectFrom('instance_settings')
        .selectAll()
        .forUpdate()
        .executeTakeFirstOrThrow();
      const quotas = change.uploadQuotas ?? {};
      const row = await trx
        .updateTable('instance_settings')
        .set({
          name: change.name,
          description: change.description,
          sign_ups: change.signUps,
          uploads_in_flight: quotas.uploadsInFlight,
          bytes_per_day: quotas.bytesPerDay,
          queued_videos: quotas.queuedVideos,
          gigapixels_per_day: quotas.gigapixelsPerDay,
          updated_at: new Date(),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const [before, after] = [this.toSettings(locked), this.toSettings(row)];
      await record(before, after, trx);
      return after;
    });
  }

  private toSettings(row: Selectable<InstanceSettingsTable>): InstanceSettings {
    const { defaults } = this;
    return {
      name: row.name,
      description: row.description,
      signUps: row.sign_ups,
      uploadQuotas: {
        uploadsInFlight: row.uploads_in_flight ?? defaults.uploadsInFlight,
        bytesPerDay: row.bytes_per_day === null ? defaults.bytesPerDay : Number(row.bytes_per_day),
        queuedVideos: row.queued_videos ?? defaults.queuedVideos,
        gigapixelsPerDay: row.gigapixels_per_day ?? defaults.gigapixelsPerDay,
      },
    };
  }
}
