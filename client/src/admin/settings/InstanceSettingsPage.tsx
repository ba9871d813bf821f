// /admin/settings — the instance's name and description, who may sign up, every account's upload quotas,
// and the accounts that await approval.
import type { FormEvent } from 'react';
import {
  type InstanceSettings,
  type SettingsChange,
  type SignUpMode,
  useInstanceSettings,
  useSaveInstanceSettings,
} from '../../api/instance.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { usePageTitle } from '../../layout/usePageTitle.js';
import { PendingAccounts } from './PendingAccounts.js';
import { QUOTA_FIELDS, QuotaInputs, quotasFromForm } from './QuotaInputs.js';

const SIGN_UP_MODES: { mode: SignUpMode; label: string }[] = [
  { mode: 'open', label: 'Open: anyone may create an account' },
  { mode: 'approval', label: 'Approval: new accounts wait until an administrator approves them' },
  { mode: 'closed', label: 'Closed: nobody may create an account' },
];

export function InstanceSettingsPage() {
  usePageTitle('Instance settings');
  const settings = useInstanceSettings();
  if (settings.isError) return <ErrorNotice error={settings.error} />;
  if (!settings.data) return <p className="status">Loading…</p>;
  return (
    <section className="narrow-page settings">
      <h2>Instance settings</h2>
      <SettingsForm settings={settings.data} />
      <PendingAccounts />
    </section>
  );
}

function SettingsForm({ settings }: { settings: InstanceSettings }) {
  const save = useSaveInstanceSettings();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const change: SettingsChange = {
      name: String(form.get('name')),
      description: String(form.get('description')),
      signUps: String(form.get('signUps')) as SignUpMode,
    };
    // Only the quotas changed: the others keep following the configuration until someone sets them.
    const quotas = quotasFromForm(form);
    const changedQuotas = Object.fromEntries(
      QUOTA_FIELDS.filter(({ key }) => quotas[key] !== settings.uploadQuotas[key]).map(({ key }) => [
        key,
        quotas[key],
      ]),
    );
    if (Object.keys(changedQuotas).length > 0) change.uploadQuotas = changedQuotas;
    save.mutate(change);
  }

  return (
    <form className="form card" onSubmit={submit}>
      <h3>About this instance</h3>
      <label>
        Name
        <input name="name" defaultValue={settings.name} maxLength={60} required />
        <span className="hint">Shown in the header, the home page and the browser tab.</span>
      </label>
      <label>
        Description
        <textarea name="description" defaultValue={settings.description} rows={3} maxLength={1000} />
        <span className="hint">Plain text, shown on the home page.</span>
      </label>
      <fieldset>
        <legend>Sign-ups</legend>
        {SIGN_UP_MODES.map(({ mode, label }) => (
          <label key={mode} className="choice">
            <input type="radio" name="signUps" value={mode} defaultChecked={settings.signUps === mode} />
            {label}
          </label>
        ))}
      </fieldset>
      <QuotaInputs quotas={settings.uploadQuotas} />
      {save.isError && <ErrorNotice error={save.error} />}
      {save.isSuccess && <p role="status">Saved.</p>}
      <button type="submit" className="button-primary" disabled={save.isPending}>
        Save settings
      </button>
    </form>
  );
}
