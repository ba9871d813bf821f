// Any address the app does not know.
import { Link } from 'react-router';
import { usePageTitle } from '../layout/usePageTitle.js';

export function NotFoundPage() {
  usePageTitle('Not found');
  return (
    <section className="narrow-page card">
      <h1>Page not found</h1>
      <p>Nothing lives at this address.</p>
      <Link to="/">Back to the home page</Link>
    </section>
  );
}
