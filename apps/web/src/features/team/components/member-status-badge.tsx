// The member's status as a coloured badge: Active, Pending, Expired or Inactive.
import type { MemberStatus } from '@app/contracts';
import { Badge, type BadgeTone } from '@/components/ui/badge';

const looks: Record<MemberStatus, { label: string; tone: BadgeTone }> = {
  active: { label: 'Active', tone: 'success' },
  pending: { label: 'Pending', tone: 'info' },
  expired: { label: 'Expired', tone: 'warning' },
  inactive: { label: 'Inactive', tone: 'neutral' },
};

export const statusLabel = (status: MemberStatus): string => looks[status].label;

export function MemberStatusBadge({ status }: { status: MemberStatus }) {
  const look = looks[status];
  return <Badge tone={look.tone}>{look.label}</Badge>;
}
