// /team/access: who may join, for admins (members are sent back to the Team page). Composes the
// policies feature with the seats feature's seat line and the requests feature's request-to-join
// domains, since features never import each other.
import { Navigate } from 'react-router';
import { paths } from '@/config/paths';
import { JoinDomainsCard } from '@/features/requests/components/join-domains-card';
import { WhoMayJoinPage } from '@/features/policies/components/who-may-join-page';
import { SeatSummary } from '@/features/seats/components/seat-summary';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useAppSession } from './app-layout';

export function TeamAccessRoute() {
  useDocumentTitle('Who may join');
  const session = useAppSession();
  if (!session.isAdmin) return <Navigate to={paths.team} replace />;
  return (
    <>
      <WhoMayJoinPage
        organizationName={session.organization.name}
        seatSummary={<SeatSummary version={null} />}
      />
      <div className="page">
        <JoinDomainsCard />
      </div>
    </>
  );
}
