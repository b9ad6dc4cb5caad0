// How requests read on screen: their kind and state in plain words.
import type { AccessRequest, AccessRequestKind, AccessRequestStatus } from '@app/contracts';
import type { BadgeTone } from '@/components/ui/badge';

export const KIND_LABELS: Record<AccessRequestKind, string> = {
  proposal: 'Proposed by a member',
  join: 'Asked to join',
  seat_limit: 'Held back by the seat limit',
};

export const STATUS_LOOKS: Record<AccessRequestStatus, { label: string; tone: BadgeTone }> = {
  pending: { label: 'Waiting for an admin', tone: 'warning' },
  approved: { label: 'Approved', tone: 'success' },
  declined: { label: 'Declined', tone: 'danger' },
};

/** "Ada Lovelace <ada@acme.test>", or the address alone. */
export function personLabel(request: Pick<AccessRequest, 'email' | 'givenName' | 'familyName'>) {
  const name = `${request.givenName} ${request.familyName}`.trim();
  return name === '' ? request.email : `${name} <${request.email}>`;
}
