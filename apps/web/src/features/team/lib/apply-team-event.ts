// Applies a live team event to the page of members on screen, so rows change without a reload.
import type { ListMembersResponse, MemberStatus, TeamEvent } from '@app/contracts';

export interface VisiblePage {
  /** Only the first page shows people who just joined; later pages would shift. */
  isFirstPage: boolean;
  status: MemberStatus | undefined;
  search: string;
}

function matches(
  member: NonNullable<TeamEvent['member']>,
  { status, search }: VisiblePage,
): boolean {
  if (status && member.status !== status) return false;
  const needle = search.trim().toLowerCase();
  return needle === '' || `${member.name} ${member.email}`.toLowerCase().includes(needle);
}

export function applyTeamEvent(
  page: ListMembersResponse | undefined,
  event: TeamEvent,
  visible: VisiblePage,
): ListMembersResponse | undefined {
  if (!page) return page;
  const index = page.members.findIndex((member) => member.userId === event.userId);
  if (event.type === 'member.removed') {
    if (index === -1) return page;
    return { ...page, members: page.members.filter((member) => member.userId !== event.userId) };
  }
  const member = event.member;
  if (!member) return page;
  if (index !== -1) {
    const members = [...page.members];
    members[index] = member;
    return { ...page, members };
  }
  if (visible.isFirstPage && matches(member, visible)) {
    return { ...page, members: [member, ...page.members] };
  }
  return page;
}
