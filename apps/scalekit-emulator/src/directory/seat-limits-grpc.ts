// OrganizationService's seat-limit RPCs: upsertUserManagementSettings and
// getOrganizationUserManagementSetting. An unset limit reads back without max_allowed_users.
import type { ServiceImpl } from '@connectrpc/connect';
import type { OrganizationService } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/organizations/organizations_pb.js';
import { requireField } from '../grpc/refs.js';
import type { SeatLimits, UserManagementSettings } from './seat-limits.js';

export function seatLimitRpcs(
  seatLimits: SeatLimits,
): Partial<ServiceImpl<typeof OrganizationService>> {
  return {
    upsertUserManagementSettings(req) {
      const settings = seatLimits.upsert(
        requireField(req.organizationId, 'organization_id'),
        req.settings?.maxAllowedUsers,
      );
      return { settings: message(settings) };
    },
    getOrganizationUserManagementSetting(req) {
      return {
        settings: message(seatLimits.get(requireField(req.organizationId, 'organization_id'))),
      };
    },
  };
}

function message(settings: UserManagementSettings): { maxAllowedUsers?: number } {
  return settings.maxAllowedUsers === null ? {} : { maxAllowedUsers: settings.maxAllowedUsers };
}
