// /team: the Team screen, loaded on demand to keep the first download small.
import { RequestsPanel } from '@/features/requests/components/requests-panel';
import { TeamPage } from '@/features/team/components/team-page';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useAppSession, useRefreshSession } from './app-layout';

export function TeamRoute() {
  useDocumentTitle('Team');
  const session = useAppSession();
  const refreshSession = useRefreshSession();
  return (
    <>
      <TeamPage
        currentUserId={session.user.id}
        isAdmin={session.isAdmin}
        organizationName={session.organization.name}
        onOwnRoleChanged={refreshSession}
      />
      <div className="page">
        <RequestsPanel isAdmin={session.isAdmin} />
      </div>
    </>
  );
}
