// An error said plainly, announced to screen readers.
import { errorMessage } from '../api/client.js';

export function ErrorNotice({ error }: { error: unknown }) {
  return (
    <p className="error" role="alert">
      {errorMessage(error)}
    </p>
  );
}
