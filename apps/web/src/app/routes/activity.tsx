// /activity: the audit log for admins, loaded on demand. Members get the not-found card inside
// the shell, as for any page that is not theirs.
import { ActivityPage } from '@/features/activity/components/activity-page';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useAppSession } from './app-layout';
import { NotFoundCard } from './not-found';

export function ActivityRoute() {
  const session = useAppSession();
  if (!session.isAdmin) return <MemberNotFound />;
  return <AdminActivity organizationName={session.organization.name} />;
}

function AdminActivity({ organizationName }: { organizationName: string }) {
  useDocumentTitle('Activity');
  return <ActivityPage organizationName={organizationName} />;
}

function MemberNotFound() {
  useDocumentTitle('Page not found');
  return (
    <div className="page page--centered">
      <NotFoundCard />
    </div>
  );
}
