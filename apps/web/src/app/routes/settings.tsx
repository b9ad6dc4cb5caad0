// /settings/*: admins' Settings screen (API keys, Webhooks), a layout whose sub-navigation lists the sections below
// (append a section here and its route in app.tsx). Members get the not-found card.
import { ApiKeysSection } from '@/features/settings/components/api-keys-section';
import { WebhooksSection } from '@/features/webhooks/components/webhooks-section';
import {
  SettingsLayout,
  type SettingsSection,
} from '@/features/settings/components/settings-layout';
import { useLocation } from 'react-router';
import { paths } from '@/config/paths';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useAppSession } from './app-layout';
import { NotFoundCard } from './not-found';

export const SETTINGS_SECTIONS: readonly SettingsSection[] = [
  { path: paths.settingsApiKeys, label: 'API keys' },
  { path: paths.webhookSettings, label: 'Webhooks' },
];

export function SettingsRoute() {
  const session = useAppSession();
  const { pathname } = useLocation();
  const section = SETTINGS_SECTIONS.find((candidate) => candidate.path === pathname);
  // Set here for every section (the section's name): the layout's title effect runs after its
  // sections' effects.
  useDocumentTitle(session.isAdmin ? (section?.label ?? 'Settings') : 'Page not found');
  if (!session.isAdmin) {
    return (
      <div className="page page--centered">
        <NotFoundCard />
      </div>
    );
  }
  return (
    <SettingsLayout organizationName={session.organization.name} sections={SETTINGS_SECTIONS} />
  );
}

export function ApiKeysSettingsRoute() {
  return <ApiKeysSection />;
}

export function WebhooksSettingsRoute() {
  return <WebhooksSection />;
}
