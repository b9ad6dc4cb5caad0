// The heading of each screen, known from the path alone, so a screen that is still loading (its
// chunk, or the session) already shows the heading it will have.
import { APP_NAME } from '@/config/app';
import { paths } from '@/config/paths';

export function screenTitle(pathname: string): string {
  switch (pathname) {
    case paths.profile:
      return 'Profile';
    case paths.team:
      return 'Team';
    case paths.activity:
      return 'Activity';
    case paths.settings:
      return 'Settings';
    case paths.settingsApiKeys:
      return 'API keys';
    case paths.teamAccess:
      return 'Who may join';
    case paths.webhookSettings:
      return 'Webhooks';
    case paths.signIn:
      return `Sign in to ${APP_NAME}`;
    default:
      return APP_NAME;
  }
}
