import { Link } from 'react-router-dom';
import { useTitle } from '../lib/useTitle';

export function NotFoundPage() {
  useTitle('Not found');
  return (
    <section className="panel empty">
      <h1>Nothing here</h1>
      <p className="muted">This page does not exist.</p>
      <Link className="button primary" to="/dashboard">Go to the dashboard</Link>
    </section>
  );
}
