// The bar above every signed-in screen: product name, Profile and Team links (and Activity and
// Settings for admins), and the account menu (who is signed in, theme, Sign out).
import type { SessionResponse } from '@app/contracts';
import { Link, NavLink } from 'react-router';
import { APP_NAME } from '@/config/app';
import { paths } from '@/config/paths';
import { Button } from '@/components/ui/button';
import { UserMenu } from '@/components/ui/user-menu';

export function TopNav({
  session,
  onSignOut,
}: {
  session: SessionResponse;
  onSignOut: () => void;
}) {
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
          <UserMenu
            name={session.user.name}
            email={session.user.email}
            context={session.organization.name}
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
