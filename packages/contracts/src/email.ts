// The email address schema, apart from the other building blocks: it carries the address checks
// (email-address.ts), which only screens that take an address need to load.
import { z } from 'zod';
import { isEmailAddress } from './email-address.js';

/**
 * An email as the product accepts it: trimmed, lower-cased, at most 254 characters, its domain
 * in ASCII form with every internationalised (`xn--`) label checked (see email-address.ts).
 */
export const EmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, { message: 'An email address has at most 254 characters', abort: true })
  .refine(isEmailAddress, 'Enter a valid email address');
