// The Scalekit SDK's message types and the one call wrapper the team domain depends on.
import type { CallScalekit } from '../errors/scalekit-call-error.js';

export type { User as ScalekitUser } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/users/users_pb.js';
export type { OrganizationMembership as ScalekitMembership } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/commons/commons_pb.js';

/**
 * What the team domain needs to reach Scalekit: the app's bounded caller, which turns
 * "unreachable or too slow" into a 503 AppError and Scalekit's refusals into ScalekitCallError.
 */
export interface ScalekitGateway {
  call: CallScalekit;
}
