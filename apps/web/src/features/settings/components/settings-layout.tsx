// The Settings screen's frame: a heading, a sub-navigation of its sections (each its own path,
// given by the app's routes so other sections can be added there) and the open section.
import { NavLink, Outlet } from 'react-router';

export interface SettingsSection {
  path: string;
  label: string;
}

export function SettingsLayout({
  organizationName,
  sections,
}: {
  organizationName: string;
  sections: readonly SettingsSection[];
}) {
  return (
    <div className="page">
      <header className="page__header">
        <div>
          <h1 className="page__title">Settings</h1>
          <p className="page__subtitle">How other systems work with {organizationName}</p>
        </div>
      </header>
      <div className="settings">
        <nav className="settings__nav" aria-label="Settings">
          {sections.map((section) => (
            <NavLink
              key={section.path}
              to={section.path}
              className={({ isActive }) =>
                `settings__link${isActive ? ' settings__link--active' : ''}`
              }
            >
              {section.label}
            </NavLink>
          ))}
        </nav>
        <div className="settings__section">
          <Outlet />
        </div>
      </div>
    </div>
  );
}
