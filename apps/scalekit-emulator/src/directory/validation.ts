// Input checks shared by the management operations, each failing with a readable InvalidArgument.
import { z } from 'zod';
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
): Record<string, string> {
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
