// /dashboard/profile: the signed-in person's profile.
import { ProfileCard } from '@/features/profile/components/profile-card';
import { ProfileNameForm } from '@/features/profile/components/profile-name-form';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useAppSession, useSetSessionUser } from './app-layout';

export function ProfileRoute() {
  useDocumentTitle('Profile');
  const session = useAppSession();
  const setSessionUser = useSetSessionUser();
  return (
    <div className="page page--narrow">
      <header className="page__header">
        <div>
          <h1 className="page__title">Profile</h1>
          <p className="page__subtitle">Your account in {session.organization.name}</p>
        </div>
      </header>
      <ProfileCard session={session} />
      <ProfileNameForm user={session.user} onSaved={setSessionUser} />
    </div>
  );
}
