// Organization features (`updateOrganizationSettings`): sso, directory_sync (also spelled
// dir_sync, echoed as sent), domain_verification and session_policy. Features not sent keep
// their value; an unknown name is refused.
import type { Organization } from '../domain.js';
import { invalidArgument } from './errors.js';
import type { FeatureSetting, OrganizationSettingsStore } from './organization-settings-store.js';
import type { Organizations } from './organizations.js';

const CANONICAL: Record<string, string> = {
  sso: 'sso',
  directory_sync: 'directory_sync',
  dir_sync: 'directory_sync',
  domain_verification: 'domain_verification',
  session_policy: 'session_policy',
};

export function isFeatureEnabled(
  settings: OrganizationSettingsStore,
  organizationId: string,
  name: string,
): boolean {
  return settings
    .features(organizationId)
    .some((feature) => CANONICAL[feature.name] === name && feature.enabled);
}

export class OrganizationSettings {
  constructor(private readonly organizations: Organizations) {}

  updateFeatures(organizationId: string, features: FeatureSetting[]): Organization {
    for (const feature of features) {
      if (CANONICAL[feature.name] === undefined) {
        throw invalidArgument(
          `settings.features: unknown feature "${feature.name}" (features: ${Object.keys(CANONICAL).join(', ')})`,
        );
      }
    }
    return this.organizations.changeSettings(organizationId, (current) => {
      const merged = [...current];
      for (const feature of features) {
        const index = merged.findIndex(
          (existing) => CANONICAL[existing.name] === CANONICAL[feature.name],
        );
        const next = { name: feature.name, enabled: feature.enabled };
        if (index === -1) merged.push(next);
        else merged[index] = next;
      }
      return merged;
    });
  }
}
