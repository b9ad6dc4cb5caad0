// /dashboard/profile: the signed-in person's profile.
import { ProfileCard } from '@/features/profile/components/profile-card';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useAppSession } from './app-layout';

export function ProfileRoute() {
  useDocumentTitle('Profile');
  const session = useAppSession();
  return (
    <div className="page page--narrow">
      <header className="page__header">
        <div>
          <h1 className="page__title">Profile</h1>
          <p className="page__subtitle">Your account in {session.organization.name}</p>
        </div>
      </header>
      <ProfileCard session={session} />
    </div>
  );
}
