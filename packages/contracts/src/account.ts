// The signed-in person's own account beyond the session: their sessions on every device
// ("Your sessions" on the profile) and the organizations they may switch to (the top bar).
import { z } from 'zod';
import { IdSchema, IsoDateTimeSchema } from './common.js';

/** One signed-in browser or device: Scalekit's session, with the app's sessions on it. */
export const OwnSessionSchema = z.object({
  /** Scalekit's session id (`ses_...`): what "sign out" on this row names. */
  id: IdSchema,
  /** The session this request came from. */
  current: z.boolean(),
  /** `desktop`, `mobile`, `tablet` or `other`. */
  deviceType: z.string(),
  /** e.g. "Chrome 131"; empty when unknown. */
  browser: z.string(),
  /** e.g. "macOS 14.5"; empty when unknown. */
  os: z.string(),
  ip: z.string(),
  /** e.g. "Berlin, DE"; empty when unknown. */
  location: z.string(),
  createdAt: IsoDateTimeSchema,
  /** The later of Scalekit's last activity and the app's own. */
  lastSeenAt: IsoDateTimeSchema,
});
export type OwnSession = z.infer<typeof OwnSessionSchema>;

export const OwnSessionsResponseSchema = z.object({ sessions: z.array(OwnSessionSchema) });
export type OwnSessionsResponse = z.infer<typeof OwnSessionsResponseSchema>;

export const OwnSessionParamsSchema = z.object({ sessionId: IdSchema });
export type OwnSessionParams = z.infer<typeof OwnSessionParamsSchema>;

/** How many sessions a sign-out ended (the app's and Scalekit's). */
export const SignOutSessionsResponseSchema = z.object({
  signedOut: z.number().int().nonnegative(),
  /** True when the request's own session was among them: the browser is signed out too. */
  includesCurrent: z.boolean(),
});
export type SignOutSessionsResponse = z.infer<typeof SignOutSessionsResponseSchema>;

/** An organization the person belongs to or is invited to. */
export const OwnOrganizationSchema = z.object({
  id: IdSchema,
  name: z.string(),
  /** `invited`: a pending invitation, accepted by switching to it. */
  status: z.enum(['active', 'invited']),
  /** The session's organization. */
  current: z.boolean(),
});
export type OwnOrganization = z.infer<typeof OwnOrganizationSchema>;

export const OwnOrganizationsResponseSchema = z.object({
  organizations: z.array(OwnOrganizationSchema),
});
export type OwnOrganizationsResponse = z.infer<typeof OwnOrganizationsResponseSchema>;

/** `POST /auth/switch-organization`: where to go, and the page to land on there. */
export const SwitchOrganizationBodySchema = z.object({
  organizationId: IdSchema,
  returnTo: z.string().max(2048).optional(),
});
export type SwitchOrganizationBody = z.infer<typeof SwitchOrganizationBodySchema>;

/** The authorize URL the browser follows to re-authorize in the other organization. */
export const SwitchOrganizationResponseSchema = z.object({ redirectTo: z.string() });
export type SwitchOrganizationResponse = z.infer<typeof SwitchOrganizationResponseSchema>;
