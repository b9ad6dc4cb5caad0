// Any path the app does not know, and signed-in screens the person may not open (an admin-only
// screen answers a member as if it did not exist, since the navigation never offers it to them).
import { paths } from '@/config/paths';
import { Link } from 'react-router';
import { buttonClass } from '@/components/ui/button';
import { useDocumentTitle } from '@/lib/use-document-title';

export function NotFoundCard() {
  useDocumentTitle('Page not found');
  return (
    <div className="card message-card">
      <p className="message-card__code" aria-hidden="true">
        404
      </p>
      <h1 className="message-card__title">Page not found</h1>
      <p className="muted">The page you asked for does not exist or has moved.</p>
      <Link className={buttonClass('primary')} to={paths.profile}>
        Go to your profile
      </Link>
    </div>
  );
}

export function NotFoundRoute() {
  return (
    <main className="centered-page" id="main">
      <NotFoundCard />
    </main>
  );
}
