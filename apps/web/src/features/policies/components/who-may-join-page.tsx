// /team/access for admins: who may join the organization. Its allowed email domains, its
// invitation policy, and the seat line (passed in by the route, which composes features).
import type { AllowedDomain } from '@app/contracts';
import { useCallback, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { buttonClass } from '@/components/ui/button';
import { paths } from '@/config/paths';
import { AllowedDomainsSection } from './allowed-domains-section';
import { InvitationPolicySection } from './invitation-policy-section';

export function WhoMayJoinPage({
  organizationName,
  seatSummary,
}: {
  organizationName: string;
  /** The Team page's seat line: people joining from an allowed domain take seats too. */
  seatSummary: ReactNode;
}) {
  const [domainCount, setDomainCount] = useState<number | undefined>(undefined);
  const countDomains = useCallback(
    (domains: AllowedDomain[]) => setDomainCount(domains.length),
    [],
  );
  return (
    <div className="page">
      <header className="page__header">
        <div>
          <h1 className="page__title">Who may join</h1>
          <p className="page__subtitle">
            Allowed domains and invitation rules of {organizationName}
          </p>
          {seatSummary}
        </div>
        <div className="page__actions">
          <Link className={buttonClass('secondary')} to={paths.team}>
            Back to Team
          </Link>
        </div>
      </header>
      <AllowedDomainsSection organizationName={organizationName} onChanged={countDomains} />
      {/* Until the domains are known, no warning about having none. */}
      <InvitationPolicySection allowedDomainCount={domainCount ?? Number.POSITIVE_INFINITY} />
    </div>
  );
}
