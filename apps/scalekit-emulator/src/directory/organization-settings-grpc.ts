// OrganizationService's settings RPC: updateOrganizationSettings (features).
import type { ServiceImpl } from '@connectrpc/connect';
import type { OrganizationService } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/organizations/organizations_pb.js';
import type { Presenter } from '../grpc/messages.js';
import { requireField } from '../grpc/refs.js';
import type { OrganizationSettings } from './organization-settings.js';

export function organizationSettingsRpcs(
  settings: OrganizationSettings,
  present: Presenter,
): Partial<ServiceImpl<typeof OrganizationService>> {
  return {
    updateOrganizationSettings(req) {
      const org = settings.updateFeatures(
        requireField(req.id, 'id'),
        (req.settings?.features ?? []).map(({ name, enabled }) => ({ name, enabled })),
      );
      return { organization: present.organization(org) };
    },
  };
}
