// Input checks shared by the management operations, each failing with a readable InvalidArgument.
import * as z from 'zod';
import { invalidArgument } from './errors.js';

const EmailSchema = z.email().max(254);

/** Returns the address trimmed and lower-cased (emails are stored that way), or throws InvalidArgument. */
export function normalizeEmail(raw: string, field = 'email'): string {
  const email = raw.trim().toLowerCase();
  if (email === '') throw invalidArgument(`${field} is required`);
  if (!EmailSchema.safeParse(email).success)
    throw invalidArgument(`${field} "${raw}" is not a valid email address`);
  return email;
}

/** Metadata limits as Scalekit documents them: keys of 3-25 characters, values of 1-256. */
export function checkMetadata(
  metadata: Record<string, string>,
  field = 'metadata',
  maxPairs = Infinity,
): Record<string, string> {
  if (Object.keys(metadata).length > maxPairs)
    throw invalidArgument(`${field} may hold at most ${maxPairs} pairs`);
  for (const [key, value] of Object.entries(metadata)) {
    if (key.length < 3 || key.length > 25)
      throw invalidArgument(`${field} key "${key}" must have 3 to 25 characters`);
    if (value.length < 1 || value.length > 256) {
      throw invalidArgument(`${field} value of "${key}" must have 1 to 256 characters`);
    }
  }
  return { ...metadata };
}

export function requireText(value: string | undefined, field: string, max = 200): string {
  const text = (value ?? '').trim();
  if (text === '') throw invalidArgument(`${field} is required`);
  if (text.length > max) throw invalidArgument(`${field} must have at most ${max} characters`);
  return text;
}

export function optionalText(
  value: string | undefined,
  field: string,
  max = 200,
): string | undefined {
  if (value === undefined) return undefined;
  if (value.length > max) throw invalidArgument(`${field} must have at most ${max} characters`);
  return value;
}

/** Blank means "not given" for optional identifiers such as external ids. */
export function emptyToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

export function unique(values: string[]): string[] {
  return [...new Set(values)];
}

const MAX_EXTERNAL_ID = 255;
const MAX_SLUG = 253;
const MAX_LOGO_URL = 1024;
const SLUG_PATTERN =
  /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

export function checkExternalId(externalId: string | undefined): string | undefined {
  if (externalId !== undefined && externalId.length > MAX_EXTERNAL_ID)
    throw invalidArgument(`external_id must have at most ${MAX_EXTERNAL_ID} characters`);
  return externalId;
}

/** Lowercase DNS label(s), as Scalekit expands them into `{{org_slug}}` redirect URLs. */
export function checkSlug(slug: string | undefined): string | undefined {
  if (slug === undefined) return undefined;
  if (slug.length > MAX_SLUG || !SLUG_PATTERN.test(slug)) {
    throw invalidArgument(
      `slug "${slug}" must be lowercase DNS labels (a-z, 0-9, inner hyphens, dots between labels), at most ${MAX_SLUG} characters`,
    );
  }
  return slug;
}

export function checkLogoUrl(logoUrl: string | undefined): string | undefined {
  if (logoUrl === undefined) return undefined;
  if (logoUrl.length > MAX_LOGO_URL)
    throw invalidArgument(`logo_url must have at most ${MAX_LOGO_URL} characters`);
  let url: URL;
  try {
    url = new URL(logoUrl);
  } catch {
    throw invalidArgument(`logo_url "${logoUrl}" is not a URL`);
  }
  if (url.protocol !== 'https:') throw invalidArgument('logo_url must be an https URL');
  return logoUrl;
}
