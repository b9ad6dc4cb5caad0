// API keys in plain words: what each scope lets another system do, and the expiry choices.
import type { ApiKeyScope, ApiKeyStatus } from '@app/contracts';
import type { BadgeTone } from '@/components/ui/badge';

export const SCOPE_LABELS: Record<ApiKeyScope, { label: string; hint: string }> = {
  'members:read': { label: 'Read members', hint: 'List and search members, read the roles' },
  'members:invite': {
    label: 'Invite members',
    hint: 'Invite one person or a CSV file, resend invitations',
  },
  'members:write': {
    label: 'Change and remove members',
    hint: 'Change roles, revoke invitations, remove members',
  },
};

export const STATUS_BADGES: Record<ApiKeyStatus, { label: string; tone: BadgeTone }> = {
  active: { label: 'Active', tone: 'success' },
  expired: { label: 'Expired', tone: 'warning' },
  revoked: { label: 'Revoked', tone: 'neutral' },
};

export const EXPIRY_CHOICES = [
  { value: 'never', label: 'Never', days: null },
  { value: '30', label: 'In 30 days', days: 30 },
  { value: '90', label: 'In 90 days', days: 90 },
  { value: '365', label: 'In a year', days: 365 },
] as const;

export type ExpiryChoice = (typeof EXPIRY_CHOICES)[number]['value'];

/** The expiry instant of a choice, counted from `now`; null: the key never expires. */
export function expiryOf(choice: ExpiryChoice, now: number = Date.now()): string | null {
  const days = EXPIRY_CHOICES.find((option) => option.value === choice)?.days ?? null;
  return days === null ? null : new Date(now + days * 86_400_000).toISOString();
}
