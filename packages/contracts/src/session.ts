// The signed-in user as the SPA sees it: no tokens, only what the screens need.
import { z } from 'zod';
import { IdSchema, IsoDateTimeSchema, PersonNameSchema } from './common.js';

export const SessionUserSchema = z.object({
  id: IdSchema,
  email: z.string(),
  emailVerified: z.boolean(),
  name: z.string(),
  givenName: z.string(),
  familyName: z.string(),
});
export type SessionUser = z.infer<typeof SessionUserSchema>;

export const SessionOrganizationSchema = z.object({
  id: IdSchema,
  name: z.string(),
});
export type SessionOrganization = z.infer<typeof SessionOrganizationSchema>;

export const SessionResponseSchema = z.object({
  user: SessionUserSchema,
  organization: SessionOrganizationSchema,
  roles: z.array(z.string()),
  permissions: z.array(z.string()),
  isAdmin: z.boolean(),
  /** When the session ends at the latest (absolute timeout). */
  expiresAt: IsoDateTimeSchema,
  /** When the session ends if unused (idle timeout), as of this answer. */
  idleExpiresAt: IsoDateTimeSchema,
});
export type SessionResponse = z.infer<typeof SessionResponseSchema>;

/** `GET /auth/login` and `/auth/login/initiate` query. */
export const LoginQuerySchema = z.object({
  returnTo: z.string().max(2048).optional(),
});
export type LoginQuery = z.infer<typeof LoginQuerySchema>;

/** `POST /auth/logout` answers JSON for fetch callers; browsers get a 303 instead. */
export const LogoutResponseSchema = z.object({
  redirectTo: z.string(),
});
export type LogoutResponse = z.infer<typeof LogoutResponseSchema>;

/** `PATCH /api/profile`: the signed-in user's own name, both parts required. */
export const UpdateProfileBodySchema = z.object({
  givenName: PersonNameSchema.min(1, 'Enter your first name'),
  familyName: PersonNameSchema.min(1, 'Enter your last name'),
});
export type UpdateProfileBody = z.infer<typeof UpdateProfileBodySchema>;

export const ProfileResponseSchema = z.object({ user: SessionUserSchema });
export type ProfileResponse = z.infer<typeof ProfileResponseSchema>;
