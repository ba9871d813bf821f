// Submits a sign-in or sign-up form: shows the server's message on failure, and on success starts the
// session and returns to the page that asked for it; a sign-up that awaits approval shows what the server
// said instead.
import { type FormEvent, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { errorMessage } from '../api/client.js';
import { useSessionStarted } from '../api/session.js';

type FormFields = (name: string) => string;

export function useAccountForm(send: (field: FormFields) => Promise<unknown>) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [awaitingApproval, setAwaitingApproval] = useState<string | null>(null);
  const sessionStarted = useSessionStarted();
  const navigate = useNavigate();
  const [params] = useSearchParams();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const answer = await send((name) => String(form.get(name) ?? ''));
      if (awaitsApproval(answer)) {
        setAwaitingApproval(answer.message);
        return;
      }
      await sessionStarted();
      const next = params.get('next');
      // Only paths on this site: a link must not be able to send people elsewhere after signing in.
      navigate(next?.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true });
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  }

  return { submit, error, busy, awaitingApproval };
}

function awaitsApproval(answer: unknown): answer is { awaitingApproval: true; message: string } {
  return typeof answer === 'object' && answer !== null && 'awaitingApproval' in answer;
}
