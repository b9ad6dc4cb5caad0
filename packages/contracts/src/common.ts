// Building blocks reused by several contracts.
import { z } from 'zod';

/** A person's given or family name: optional, trimmed, short, no control characters. */
export const PersonNameSchema = z
  .string()
  .trim()
  .max(100, 'At most 100 characters')
  .regex(/^[^\p{Cc}]*$/u, 'Control characters are not allowed');

/** Identifiers from Scalekit (usr_..., org_...): opaque, short, URL-safe. */
export const IdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'Not a valid identifier');

export const RoleNameSchema = z
  .string()
  .trim()
  .min(1, 'Choose a role')
  .max(64)
  .regex(/^[a-z0-9_-]+$/, 'Not a valid role name');

export const IsoDateTimeSchema = z.iso.datetime({ offset: true });

/** Custom header every state-changing request must carry (bff-security.md, CSRF). */
export const CSRF_HEADER = 'x-csrf';
export const CSRF_HEADER_VALUE = '1';
