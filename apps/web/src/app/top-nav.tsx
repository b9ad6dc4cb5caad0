// The bar above every signed-in screen: product name, Profile and Team links (and Activity and
// Settings for admins), the organization switcher (for people in several) and the account menu
// (who is signed in, theme, Sign out).
import type { SessionResponse } from '@app/contracts';
import { Link, NavLink, useLocation } from 'react-router';
import { APP_NAME } from '@/config/app';
import { paths } from '@/config/paths';
import { Button } from '@/components/ui/button';
import { UserMenu } from '@/components/ui/user-menu';
import { useOwnOrganizations } from '@/features/auth/api/get-own-organizations';
import {
  canSwitchOrganization,
  OrganizationSwitcher,
} from '@/features/auth/components/organization-switcher';

export function TopNav({
  session,
  onSignOut,
}: {
  session: SessionResponse;
  onSignOut: () => void;
}) {
  const { pathname, search } = useLocation();
  const organizations = useOwnOrganizations().data ?? [];
  // With a switcher showing the organization, the account menu shows the person instead.
  const switchable = canSwitchOrganization(organizations, session.organization.id);
  const linkClass = ({ isActive }: { isActive: boolean }) =>
    `topnav__link${isActive ? ' topnav__link--active' : ''}`;

  return (
    <header className="topnav">
      <div className="topnav__inner">
        <Link className="topnav__brand" to={paths.profile}>
          <span className="topnav__logo" aria-hidden="true">
            {APP_NAME.slice(0, 1)}
          </span>
          {APP_NAME}
        </Link>
        <nav className="topnav__nav" aria-label="Main">
          <NavLink className={linkClass} to={paths.profile}>
            Profile
          </NavLink>
          <NavLink className={linkClass} to={paths.team}>
            Team
          </NavLink>
          {session.isAdmin && (
            <NavLink className={linkClass} to={paths.activity}>
              Activity
            </NavLink>
          )}
          {session.isAdmin && (
            <NavLink className={linkClass} to={paths.settings}>
              Settings
            </NavLink>
          )}
        </nav>
        <div className="topnav__account">
          <OrganizationSwitcher
            organizations={organizations}
            current={session.organization}
            returnTo={`${pathname}${search}`}
          />
          <UserMenu
            name={session.user.name}
            email={session.user.email}
            context={
              switchable ? session.user.name || session.user.email : session.organization.name
            }
          >
            <Button size="sm" className="user-menu__sign-out" onClick={onSignOut}>
              Sign out
            </Button>
          </UserMenu>
        </div>
      </div>
    </header>
  );
}
