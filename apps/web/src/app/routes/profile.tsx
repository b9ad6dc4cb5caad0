// /dashboard/profile: the signed-in person's profile; `?welcome=1` (where invitation links
// land) greets someone who has just joined, once. Below the name, the person's sessions.
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { pages } from '@app/contracts';
import { Alert } from '@/components/ui/alert';
import { rememberSignedOut } from '@/features/auth/lib/signed-out-notice';
import { ProfileCard } from '@/features/profile/components/profile-card';
import { ProfileNameForm } from '@/features/profile/components/profile-name-form';
import { OwnSessionsPanel } from '@/features/profile/components/own-sessions-panel';
import { browserLocation } from '@/lib/browser-location';
import { humanizeRole } from '@/lib/format';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useAppSession, useSetSessionUser } from './app-layout';

/** This browser's session has ended (signed out here or everywhere): on to the sign-in page. */
function leaveSignedOut() {
  rememberSignedOut();
  browserLocation.assign(pages.signIn);
}

export function ProfileRoute() {
  useDocumentTitle('Profile');
  const session = useAppSession();
  const setSessionUser = useSetSessionUser();
  const [params, setParams] = useSearchParams();
  const [welcome] = useState(() => params.get('welcome') === '1');
  useEffect(() => {
    // A reload or a bookmark of this address does not welcome them again.
    if (params.has('welcome')) setParams({}, { replace: true });
  }, [params, setParams]);
  const role = session.roles.map(humanizeRole).join(', ') || 'Member';
  return (
    <div className="page page--narrow">
      <header className="page__header">
        <div>
          <h1 className="page__title">Profile</h1>
          <p className="page__subtitle">Your account in {session.organization.name}</p>
        </div>
      </header>
      {welcome && (
        <Alert tone="success" title={`Welcome to ${session.organization.name}`}>
          You joined as {role}.
        </Alert>
      )}
      <ProfileCard session={session} />
      <ProfileNameForm user={session.user} onSaved={setSessionUser} />
      <OwnSessionsPanel onSignedOut={leaveSignedOut} />
    </div>
  );
}
