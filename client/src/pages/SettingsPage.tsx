// /settings — my channel's name, description and picture, and signing out on every device.
import type { FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useSaveAvatar, useSaveProfile } from '../api/channels.js';
import { useSession, useSignOut } from '../api/session.js';
import { ChannelAvatar } from '../components/ChannelAvatar.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { usePageTitle } from '../layout/usePageTitle.js';

const AVATAR_TYPES = 'image/png,image/jpeg,image/webp';

export function SettingsPage() {
  usePageTitle('Settings');
  const { session } = useSession();
  const navigate = useNavigate();
  const signOutEverywhere = useSignOut(true);
  const saveProfile = useSaveProfile();
  const saveAvatar = useSaveAvatar();

  if (!session) return null;
  const { channel } = session;

  function submitProfile(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    saveProfile.mutate({
      displayName: String(form.get('displayName')),
      description: String(form.get('description')),
    });
  }

  return (
    <section className="narrow-page settings">
      <h1>Settings</h1>
      <form className="form card" onSubmit={submitProfile}>
        <h2>Profile</h2>
        <label>
          Display name
          <input name="displayName" defaultValue={channel.displayName} maxLength={60} required />
        </label>
        <label>
          Channel description
          <textarea name="description" defaultValue={channel.description} rows={4} maxLength={5000} />
        </label>
        {saveProfile.isError && <ErrorNotice error={saveProfile.error} />}
        {saveProfile.isSuccess && <p role="status">Saved.</p>}
        <button type="submit" className="button-primary" disabled={saveProfile.isPending}>
          Save profile
        </button>
      </form>
      <div className="form card">
        <h2>Picture</h2>
        <ChannelAvatar channel={channel} size="large" />
        <label>
          New picture (PNG, JPEG or WebP, up to 5 MB)
          <input
            type="file"
            accept={AVATAR_TYPES}
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (file) saveAvatar.mutate(file);
            }}
          />
        </label>
        {saveAvatar.isPending && <p role="status">Uploading…</p>}
        {saveAvatar.isError && <ErrorNotice error={saveAvatar.error} />}
      </div>
      <div className="form card">
        <h2>Sessions</h2>
        <p>Signed in somewhere you no longer use? End every session, including this one.</p>
        {signOutEverywhere.isError && <ErrorNotice error={signOutEverywhere.error} />}
        <button
          type="button"
          className="button-danger"
          onClick={() => signOutEverywhere.mutate(undefined, { onSuccess: () => navigate('/') })}
        >
          Sign out everywhere
        </button>
      </div>
    </section>
  );
}
