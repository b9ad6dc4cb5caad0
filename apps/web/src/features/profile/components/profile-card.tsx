// The signed-in person's profile: who they are, whether their email is verified, their
// organization and role.
import type { SessionResponse } from '@app/contracts';
import { Badge } from '@/components/ui/badge';
import { formatDateTime, humanizeRole } from '@/lib/format';

export function ProfileCard({ session }: { session: SessionResponse }) {
  const { user, organization, roles } = session;
  const displayName = user.name || [user.givenName, user.familyName].filter(Boolean).join(' ');
  return (
    <section className="card profile" aria-labelledby="profile-name">
      <div className="profile__header">
        <div className="avatar avatar--lg" aria-hidden="true">
          {(displayName || user.email).slice(0, 1).toUpperCase()}
        </div>
        <div>
          <h2 className="profile__name" id="profile-name">
            {displayName || user.email}
          </h2>
          <p className="profile__subtitle">
            {session.isAdmin ? 'Administrator' : 'Member'} of {organization.name}
          </p>
        </div>
      </div>
      <dl className="details">
        <div className="details__row">
          <dt>Name</dt>
          <dd>{displayName || <span className="muted">Not set</span>}</dd>
        </div>
        <div className="details__row">
          <dt>Email</dt>
          <dd className="details__email">
            <span className="break-anywhere">{user.email}</span>
            {user.emailVerified ? (
              <Badge tone="success">Verified</Badge>
            ) : (
              <Badge tone="warning">Not verified</Badge>
            )}
          </dd>
        </div>
        <div className="details__row">
          <dt>Organization</dt>
          <dd>{organization.name}</dd>
        </div>
        <div className="details__row">
          <dt>{roles.length > 1 ? 'Roles' : 'Role'}</dt>
          <dd>
            {roles.length > 0 ? (
              roles.map(humanizeRole).join(', ')
            ) : (
              <span className="muted">None</span>
            )}
          </dd>
        </div>
        <div className="details__row">
          <dt>Session ends</dt>
          <dd>
            <time dateTime={session.expiresAt}>{formatDateTime(session.expiresAt)}</time> at the
            latest
          </dd>
        </div>
      </dl>
    </section>
  );
}
