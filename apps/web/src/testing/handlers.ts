// MSW handlers that play the BFF at the network edge of the SPA. They keep a small in-memory
// team, answer with bodies parsed by the contracts' schemas, refuse writes without the CSRF
// header (as the BFF does) and log every request so tests can assert on what was sent.
import { readInviteCsv } from '@app/invite-csv';
import {
  BulkInvitePreviewResponseSchema,
  BulkInviteEventSchema,
  CSRF_HEADER,
  CSRF_HEADER_VALUE,
  ErrorBodySchema,
  errorStatus,
  InviteMemberBodySchema,
  ListAccessRequestsResponseSchema,
  RequestJoinDomainsResponseSchema,
  type AccessRequest,
  ListMembersResponseSchema,
  ListRolesResponseSchema,
  LogoutResponseSchema,
  MemberResponseSchema,
  ProfileResponseSchema,
  RemoveMemberResponseSchema,
  routes,
  SeatUsageSchema,
  SessionResponseSchema,
  UpdateMemberBodySchema,
  UpdateProfileBodySchema,
  UpdateSeatLimitBodySchema,
  type BulkInviteEvent,
  type BulkInvitePreviewRow,
  type ErrorBody,
  type Member,
  type SessionResponse,
  type TeamEvent,
  TeamEventSchema,
} from '@app/contracts';
import { http, HttpResponse, sse, type JsonBodyType } from 'msw';
import { buildMember, buildSession, roles } from './fixtures';

export interface LoggedRequest {
  method: string;
  path: string;
  search: string;
  csrf: string | null;
  contentType: string | null;
  body: string;
}

/** The fake BFF's state; tests change it before rendering. */
export const bff = {
  session: buildSession() as SessionResponse | null,
  members: [] as Member[],
  /** The organization's seat limit; null: none. */
  seatLimit: null as number | null,
  requests: [] as LoggedRequest[],
  /** The approval inbox; GET /api/requests answers the pending ones (or the member's own). */
  accessRequests: [] as AccessRequest[],
  reset() {
    this.session = buildSession();
    this.seatLimit = null;
    this.members = [
      buildMember({
        userId: 'usr_admin',
        email: 'ada@acme.test',
        name: 'Ada Lovelace',
        roles: ['admin'],
      }),
      buildMember({ userId: 'usr_grace', email: 'grace@acme.test', name: 'Grace Hopper' }),
      buildMember({
        userId: 'usr_alan',
        email: 'alan@acme.test',
        name: 'Alan Turing',
        status: 'pending',
      }),
      buildMember({
        userId: 'usr_edsger',
        email: 'edsger@acme.test',
        name: 'Edsger Dijkstra',
        status: 'expired',
      }),
    ];
    this.requests = [];
    this.accessRequests = [];
    eventClients.clear();
  },
  /** Seats as the BFF counts them: active members and pending invitations. */
  seats() {
    const active = this.members.filter((member) => member.status === 'active').length;
    const pending = this.members.filter((member) => member.status === 'pending').length;
    return { limit: this.seatLimit, used: active + pending, active, pending };
  },
  /** Requests that change something (the CSV dry-run is a POST that changes nothing). */
  writes(): LoggedRequest[] {
    return this.requests.filter(
      (request) => request.method !== 'GET' && request.path !== routes.bulkInvitationsPreview,
    );
  },
};

interface EventClient {
  send: (message: { data: string; event?: string }) => void;
}
const eventClients = new Set<EventClient>();

/** Pushes a team event to every open /api/team/events stream, as the BFF does on a webhook. */
export function pushTeamEvent(event: TeamEvent, named = false): void {
  const data = JSON.stringify(TeamEventSchema.parse(event));
  for (const client of eventClients) client.send(named ? { event: event.type, data } : { data });
}

export function openEventStreams(): number {
  return eventClients.size;
}

export function errorResponse(body: ErrorBody, headers?: Record<string, string>) {
  return HttpResponse.json(ErrorBodySchema.parse(body), {
    status: errorStatus[body.code],
    ...(headers ? { headers } : {}),
  });
}

function json(schema: { parse: (value: unknown) => unknown }, value: unknown, status = 200) {
  return HttpResponse.json(schema.parse(value) as JsonBodyType, { status });
}

async function log(request: Request): Promise<LoggedRequest> {
  const url = new URL(request.url);
  const entry: LoggedRequest = {
    method: request.method,
    path: url.pathname,
    search: url.search,
    csrf: request.headers.get(CSRF_HEADER),
    contentType: request.headers.get('content-type'),
    body: request.method === 'GET' ? '' : await request.clone().text(),
  };
  bff.requests.push(entry);
  return entry;
}

/** The BFF's guard for every route: session first, then CSRF on writes. */
async function guard(request: Request) {
  const entry = await log(request);
  if (!bff.session) return errorResponse({ code: 'unauthenticated', message: 'Sign in first' });
  if (entry.method !== 'GET' && entry.csrf !== CSRF_HEADER_VALUE)
    return errorResponse({ code: 'csrf_rejected', message: 'Missing CSRF header' });
  return undefined;
}

function findMember(userId: unknown) {
  return bff.members.find((member) => member.userId === userId);
}

export function ndjson(events: BulkInviteEvent[], delayMs = 0) {
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      for (const event of events) {
        // Split lines across chunks on purpose: the reader must join them.
        const line = `${JSON.stringify(BulkInviteEventSchema.parse(event))}\n`;
        const middle = Math.floor(line.length / 2);
        controller.enqueue(encoder.encode(line.slice(0, middle)));
        if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
        controller.enqueue(encoder.encode(line.slice(middle)));
      }
      controller.close();
    },
  });
  return new HttpResponse(stream, { headers: { 'content-type': 'application/x-ndjson' } });
}

/** The approval inbox and request-to-join domains, as the BFF answers them. */
const requestHandlers = [
  http.get(routes.requests, async ({ request }) => {
    const refused = await guard(request);
    if (refused || !bff.session) return refused;
    const own = bff.session.isAdmin ? undefined : bff.session.user.email;
    const status = new URL(request.url).searchParams.get('status') ?? 'pending';
    const visible = bff.accessRequests.filter(
      (entry) => own === undefined || entry.requestedBy === own,
    );
    return json(ListAccessRequestsResponseSchema, {
      requests: visible.filter(
        (entry) => status === 'all' || (status === 'pending') === (entry.status === 'pending'),
      ),
      pendingCount: visible.filter((entry) => entry.status === 'pending').length,
    });
  }),
  http.get(routes.requestJoinDomains, async ({ request }) => {
    const refused = await guard(request);
    if (refused) return refused;
    return json(RequestJoinDomainsResponseSchema, { domains: [], joinRequestsAvailable: true });
  }),
];

export const handlers = [
  ...requestHandlers,
  sse(routes.teamEvents, ({ client }) => {
    eventClients.add(client as unknown as EventClient);
  }),
  http.get(routes.session, async ({ request }) => {
    await log(request);
    if (!bff.session) return errorResponse({ code: 'unauthenticated', message: 'Signed out' });
    return json(SessionResponseSchema, bff.session);
  }),
  http.patch(routes.profile, async ({ request }) => {
    const refused = await guard(request);
    if (refused || !bff.session) return refused;
    const parsed = UpdateProfileBodySchema.safeParse(await request.json());
    if (!parsed.success) {
      return errorResponse({
        code: 'validation_failed',
        message: 'Check the name',
        issues: parsed.error.issues.map((issue) => ({
          path: String(issue.path[0] ?? ''),
          message: issue.message,
        })),
      });
    }
    const { givenName, familyName } = parsed.data;
    const user = { ...bff.session.user, givenName, familyName, name: `${givenName} ${familyName}` };
    bff.session = { ...bff.session, user };
    return json(ProfileResponseSchema, { user });
  }),
  http.post(routes.logout, async ({ request }) => {
    const refused = await guard(request);
    if (refused) return refused;
    bff.session = null;
    return json(LogoutResponseSchema, { redirectTo: 'http://localhost:3000/sign-in' });
  }),
  http.get(routes.members, async ({ request }) => {
    const refused = await guard(request);
    if (refused) return refused;
    const url = new URL(request.url);
    const status = url.searchParams.get('status');
    const search = (url.searchParams.get('search') ?? '').toLowerCase();
    const pageSize = Number(url.searchParams.get('pageSize') ?? '25');
    const start = Number(url.searchParams.get('pageToken') ?? '0');
    const matching = bff.members.filter(
      (member) =>
        (!status || member.status === status) &&
        `${member.name} ${member.email}`.toLowerCase().includes(search),
    );
    const members = matching.slice(start, start + pageSize);
    const next = start + pageSize < matching.length ? String(start + pageSize) : null;
    return json(ListMembersResponseSchema, { members, nextPageToken: next });
  }),
  http.get(routes.roles, async ({ request }) => {
    const refused = await guard(request);
    if (refused) return refused;
    return json(ListRolesResponseSchema, { roles });
  }),
  http.post(routes.invitations, async ({ request }) => {
    const refused = await guard(request);
    if (refused) return refused;
    const parsed = InviteMemberBodySchema.safeParse(await request.json());
    if (!parsed.success)
      return errorResponse({ code: 'validation_failed', message: 'Invalid invitation' });
    if (bff.members.some((member) => member.email === parsed.data.email))
      return errorResponse({ code: 'already_member', message: 'Already a member' });
    const member = buildMember({
      email: parsed.data.email,
      name: [parsed.data.givenName, parsed.data.familyName].filter(Boolean).join(' '),
      roles: [parsed.data.role],
      status: 'pending',
    });
    bff.members.push(member);
    return json(MemberResponseSchema, { member }, 201);
  }),
  http.get(routes.seats, async ({ request }) => {
    const refused = await guard(request);
    if (refused) return refused;
    return json(SeatUsageSchema, bff.seats());
  }),
  http.put(routes.seats, async ({ request }) => {
    const refused = await guard(request);
    if (refused) return refused;
    const parsed = UpdateSeatLimitBodySchema.safeParse(await request.json());
    if (!parsed.success)
      return errorResponse({ code: 'validation_failed', message: 'Invalid seat limit' });
    bff.seatLimit = parsed.data.limit;
    return json(SeatUsageSchema, bff.seats());
  }),
  // The dry-run: the BFF's rules in brief (roles, members of the fake team, duplicates).
  http.post(routes.bulkInvitationsPreview, async ({ request }) => {
    const refused = await guard(request);
    if (refused) return refused;
    const defaultRole = new URL(request.url).searchParams.get('defaultRole') ?? 'member';
    const read = readInviteCsv(await request.text());
    if (!read.ok) return errorResponse({ code: 'validation_failed', message: 'No email column' });
    const firstLine = new Map<string, number>();
    const rows = read.rows.map((row): BulkInvitePreviewRow => {
      const email = (row.cells.email ?? '').trim().toLowerCase();
      if (!row.validation.success) {
        return { line: row.line, email, outcome: 'rejected', reason: 'email: Not valid' };
      }
      const role = row.validation.data.role ?? defaultRole;
      if (!roles.some((known) => known.name === role)) {
        return {
          line: row.line,
          email,
          outcome: 'rejected',
          reason: `role: Unknown role "${role}".`,
        };
      }
      const first = firstLine.get(email);
      if (first !== undefined) {
        return {
          line: row.line,
          email,
          outcome: 'already_member',
          reason: `Duplicate of line ${first}.`,
        };
      }
      firstLine.set(email, row.line);
      return bff.members.some((member) => member.email === email)
        ? { line: row.line, email, outcome: 'already_member', reason: 'Already a member.' }
        : { line: row.line, email, outcome: 'invited' };
    });
    const count = (outcome: BulkInvitePreviewRow['outcome']) =>
      rows.filter((row) => row.outcome === outcome).length;
    return json(BulkInvitePreviewResponseSchema, {
      rows,
      total: rows.length,
      invited: count('invited'),
      alreadyMember: count('already_member'),
      rejected: count('rejected'),
    });
  }),
  http.post(routes.bulkInvitations, async ({ request }) => {
    const refused = await guard(request);
    if (refused) return refused;
    return errorResponse({ code: 'internal_error', message: 'No bulk handler in this test' });
  }),
  http.post('/api/team/members/:userId/resend-invite', async ({ request, params }) => {
    const refused = await guard(request);
    if (refused) return refused;
    const member = findMember(params['userId']);
    if (!member) return errorResponse({ code: 'not_found', message: 'No such member' });
    return json(MemberResponseSchema, { member: { ...member, status: 'pending' } });
  }),
  http.patch('/api/team/members/:userId', async ({ request, params }) => {
    const refused = await guard(request);
    if (refused) return refused;
    const member = findMember(params['userId']);
    if (!member) return errorResponse({ code: 'not_found', message: 'No such member' });
    const { role } = UpdateMemberBodySchema.parse(await request.json());
    const updated = { ...member, roles: [role] };
    bff.members = bff.members.map((row) => (row.userId === member.userId ? updated : row));
    return json(MemberResponseSchema, { member: updated });
  }),
  http.delete('/api/team/members/:userId', async ({ request, params }) => {
    const refused = await guard(request);
    if (refused) return refused;
    const member = findMember(params['userId']);
    if (!member) return errorResponse({ code: 'not_found', message: 'No such member' });
    bff.members = bff.members.filter((row) => row.userId !== member.userId);
    const outcome = member.status === 'active' ? 'removed' : 'revoked';
    return json(RemoveMemberResponseSchema, { userId: member.userId, outcome });
  }),
];
