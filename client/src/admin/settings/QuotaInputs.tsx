// The upload quotas every account gets, as form fields; the daily bytes are entered in GiB.
import type { InstanceSettings } from '../../api/instance.js';

type Quotas = InstanceSettings['uploadQuotas'];

const GIB = 1024 ** 3;

export const QUOTA_FIELDS: { key: keyof Quotas; label: string; unit: number; min: number }[] = [
  { key: 'uploadsInFlight', label: 'Uploads in progress at once', unit: 1, min: 1 },
  { key: 'bytesPerDay', label: 'GiB uploaded a day', unit: GIB, min: 1 },
  { key: 'queuedVideos', label: 'Videos waiting to be processed', unit: 1, min: 1 },
  { key: 'gigapixelsPerDay', label: 'Processing a day, in gigapixels', unit: 1, min: 1 },
];

export function QuotaInputs({ quotas }: { quotas: Quotas }) {
  return (
    <fieldset>
      <legend>Upload quotas of every account</legend>
      {QUOTA_FIELDS.map(({ key, label, unit, min }) => (
        <label key={key}>
          {label}
          <input
            name={key}
            type="number"
            min={min}
            step={unit === 1 ? 1 : 'any'}
            defaultValue={quotas[key] / unit}
            required
          />
        </label>
      ))}
    </fieldset>
  );
}

export function quotasFromForm(form: FormData): Quotas {
  return Object.fromEntries(
    QUOTA_FIELDS.map(({ key, unit }) => [key, Math.round(Number(form.get(key)) * unit)]),
  ) as Quotas;
}
