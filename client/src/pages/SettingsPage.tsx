// /settings — my channel's name, description and picture, and signing out on every device.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { ApiFailure, api, type Channel, errorMessage, unwrap } from '../api/client.js';
import { ChannelAvatar } from '../components/ChannelAvatar.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { usePageTitle } from '../layout/usePageTitle.js';
import { type Session, useSession, useSignOut } from '../session/session.js';

const AVATAR_TYPES = 'image/png,image/jpeg,image/webp';

// The avatar body is the image itself, which the typed client cannot describe: plain fetch it is.
async function uploadAvatar(file: File): Promise<Channel> {
  const response = await fetch('/api/v1/me/channel/avatar', {
    method: 'PUT',
    headers: { 'content-type': file.type },
    body: file,
    credentials: 'same-origin',
  });
  const body = await response.json();
  if (!response.ok) throw new ApiFailure(response.status, errorMessage(body));
  return body as Channel;
}

export function SettingsPage() {
  usePageTitle('Settings');
  const { session } = useSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const signOutEverywhere = useSignOut(true);
  const updateChannel = (channel: Channel) =>
    queryClient.setQueryData<Session | null>(['session'], (old) => old && { ...old, channel });

  const saveProfile = useMutation({
    mutationFn: (form: FormData) =>
      unwrap(
        api.PATCH('/api/v1/me/channel', {
          body: {
            displayName: String(form.get('displayName')),
            description: String(form.get('description')),
          },
        }),
      ),
    onSuccess: updateChannel,
  });
  const saveAvatar = useMutation({ mutationFn: uploadAvatar, onSuccess: updateChannel });

  if (!session) return null;
  const { channel } = session;

  function submitProfile(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    saveProfile.mutate(new FormData(event.currentTarget));
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
