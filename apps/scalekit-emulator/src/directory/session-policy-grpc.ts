// OrganizationService's session-policy RPCs: get/updateOrganizationSessionPolicy and
// getApplicationSessionPolicy. Timeouts always go out in minutes.
import type { ServiceImpl } from '@connectrpc/connect';
import { TimeUnit } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/commons/commons_pb.js';
import {
  SessionPolicyType,
  type OrganizationService,
} from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/organizations/organizations_pb.js';
import { requireField } from '../grpc/refs.js';
import { invalidArgument } from './errors.js';
import type { OrganizationSessionPolicy, SessionPolicies, TimeUnitName } from './session-policy.js';

export function sessionPolicyRpcs(
  policies: SessionPolicies,
): Partial<ServiceImpl<typeof OrganizationService>> {
  return {
    getOrganizationSessionPolicy(req) {
      return {
        policy: message(policies.get(requireField(req.organizationId, 'organization_id'))),
      };
    },
    updateOrganizationSessionPolicy(req) {
      if (req.policySource === SessionPolicyType.SESSION_POLICY_TYPE_UNSPECIFIED) {
        throw invalidArgument('policy_source must be APPLICATION or CUSTOM');
      }
      const policy = policies.update(requireField(req.organizationId, 'organization_id'), {
        source: req.policySource === SessionPolicyType.CUSTOM ? 'CUSTOM' : 'APPLICATION',
        absoluteTimeout: req.absoluteSessionTimeout,
        absoluteUnit: unitName(req.absoluteSessionTimeoutUnit, 'absolute_session_timeout_unit'),
        idleEnabled: req.idleSessionTimeoutEnabled,
        idleTimeout: req.idleSessionTimeout,
        idleUnit: unitName(req.idleSessionTimeoutUnit, 'idle_session_timeout_unit'),
      });
      return { policy: message(policy) };
    },
    getApplicationSessionPolicy() {
      const app = policies.application();
      return {
        applicationPolicy: {
          absoluteSessionTimeout: app.absoluteMinutes,
          absoluteSessionTimeoutUnit: TimeUnit.MINUTES,
          idleSessionTimeoutEnabled: app.idleEnabled,
          idleSessionTimeout: app.idleMinutes,
          idleSessionTimeoutUnit: TimeUnit.MINUTES,
          accessTokenExpiry: app.accessTokenMinutes,
        },
      };
    },
  };
}

function unitName(unit: TimeUnit | undefined, field: string): TimeUnitName | undefined {
  switch (unit) {
    case undefined:
    case TimeUnit.SESSION_TIME_UNIT_UNSPECIFIED:
    case TimeUnit.MINUTES:
      return 'MINUTES';
    case TimeUnit.HOURS:
      return 'HOURS';
    case TimeUnit.DAYS:
      return 'DAYS';
    default:
      throw invalidArgument(`${field} is not a known time unit`);
  }
}

function message(policy: OrganizationSessionPolicy) {
  const { custom } = policy;
  if (custom === null) return { policySource: SessionPolicyType.APPLICATION };
  return {
    policySource: SessionPolicyType.CUSTOM,
    absoluteSessionTimeout: custom.absoluteMinutes,
    absoluteSessionTimeoutUnit: TimeUnit.MINUTES,
    idleSessionTimeoutEnabled: custom.idleEnabled,
    ...(custom.idleEnabled && custom.idleMinutes !== null
      ? { idleSessionTimeout: custom.idleMinutes, idleSessionTimeoutUnit: TimeUnit.MINUTES }
      : {}),
  };
}
