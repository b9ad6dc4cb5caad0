// /settings/webhooks: where admins point the organization's events at their own systems.
// Members get the not-found card inside the shell, as for any page that is not theirs.
import { WebhooksSection } from '@/features/webhooks/components/webhooks-section';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useAppSession } from './app-layout';
import { NotFoundCard } from './not-found';

export function WebhookSettingsRoute() {
  const session = useAppSession();
  useDocumentTitle(session.isAdmin ? 'Webhooks' : 'Page not found');
  if (!session.isAdmin) {
    return (
      <div className="page page--centered">
        <NotFoundCard />
      </div>
    );
  }
  return (
    <div className="page">
      <header className="page__header">
        <div>
          <h1 className="page__title">Webhooks</h1>
          <p className="page__subtitle">
            Membership events of {session.organization.name}, sent to your endpoint
          </p>
        </div>
      </header>
      <WebhooksSection />
    </div>
  );
}
