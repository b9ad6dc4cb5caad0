// Classifies Scalekit's refusals (ScalekitCallError from the app's bounded caller).
import { ScalekitCallError, type ScalekitErrorKind } from '../errors/scalekit-call-error.js';

function isKind(error: unknown, kind: ScalekitErrorKind): boolean {
  return error instanceof ScalekitCallError && error.kind === kind;
}

export const isConflict = (error: unknown): boolean => isKind(error, 'already_exists');
export const isNotFound = (error: unknown): boolean => isKind(error, 'not_found');
export const isRateLimited = (error: unknown): boolean => isKind(error, 'rate_limited');
export const isInvalidArgument = (error: unknown): boolean => isKind(error, 'invalid_argument');
export const isPermissionDenied = (error: unknown): boolean => isKind(error, 'permission_denied');

/**
 * The delay Scalekit asked for on a 429, in milliseconds, when it said. gRPC answers reach us
 * through the SDK without their metadata, so besides a parsed Retry-After header the hint can
 * only come from the message ("retry after 2s"); undefined means "back off on your own".
 */
export function retryAfterMs(error: unknown): number | undefined {
  if (!(error instanceof ScalekitCallError)) return undefined;
  if (error.retryAfterSeconds !== undefined) return error.retryAfterSeconds * 1000;
  const match = /retry[- ]after[^0-9]{0,3}(\d+(?:\.\d+)?)\s*(ms|s)?/i.exec(error.upstreamMessage);
  if (match?.[1] === undefined) return undefined;
  const value = Number(match[1]);
  return match[2]?.toLowerCase() === 'ms' ? value : value * 1000;
}

/** Scalekit's own wording of a refusal, without the gRPC code prefix (for an admin's eyes only). */
export function upstreamReason(error: ScalekitCallError): string {
  return error.upstreamMessage.replace(/^\[[a-z_]+\]\s*/, '');
}
