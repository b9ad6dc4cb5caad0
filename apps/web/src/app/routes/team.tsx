// /team: the Team screen, loaded on demand to keep the first download small. The Requests card
// below the members table is its own chunk, fetched as the screen first renders: the table is
// usable without waiting for it.
import { lazy, Suspense } from 'react';
import { LoadingState } from '@/components/ui/loading-state';
import { TeamPage } from '@/features/team/components/team-page';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useAppSession, useRefreshSession } from './app-layout';

const RequestsPanel = lazy(() =>
  import('@/features/requests/components/requests-panel').then((module) => ({
    default: module.RequestsPanel,
  })),
);

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
        <Suspense fallback={<LoadingState label="Loading requests…" />}>
          <RequestsPanel isAdmin={session.isAdmin} />
        </Suspense>
      </div>
    </>
  );
}
