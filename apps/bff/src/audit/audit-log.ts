// Reading the audit log for admins: one page of entries with an opaque cursor, and the whole
// filtered log as CSV lines, read from the database page by page so memory stays flat.
import {
  AUDIT_CSV_COLUMNS,
  type AuditEntry,
  type AuditFilterQuery,
  type ListAuditQuery,
  type ListAuditResponse,
} from '@app/contracts';
import { writeCsvLines } from '@app/invite-csv';
import { AppError } from '../errors/app-error.js';
import { actorIdOf, type AuditFilter, type AuditStore } from './audit-store.js';

/** Entries read per database round trip of the CSV export. */
export const EXPORT_PAGE_SIZE = 500;

const CURSOR = /^a:(\d{1,15})$/;

export function encodeAuditCursor(id: string): string {
  return Buffer.from(`a:${id}`, 'utf8').toString('base64url');
}

export function decodeAuditCursor(token: string | undefined): number | undefined {
  if (token === undefined || token === '') return undefined;
  const match = CURSOR.exec(Buffer.from(token, 'base64url').toString('utf8'));
  if (match?.[1] === undefined) {
    throw new AppError('validation_failed', 'The page token is not valid.', {
      issues: [{ path: 'pageToken', message: 'Not a page token from this list' }],
    });
  }
  return Number(match[1]);
}

/** The store's filter from the query: instants normalised so text comparison is time order. */
function filterOf(query: AuditFilterQuery): AuditFilter {
  return {
    actor: query.actor,
    member: query.member,
    kind: query.kind,
    from: query.from === undefined ? undefined : new Date(query.from).toISOString(),
    to: query.to === undefined ? undefined : new Date(query.to).toISOString(),
  };
}

export async function listAudit(
  store: AuditStore,
  organizationId: string,
  query: ListAuditQuery,
): Promise<ListAuditResponse> {
  const beforeId = decodeAuditCursor(query.pageToken);
  // One more than asked tells whether another page follows.
  const entries = await store.list(organizationId, filterOf(query), {
    limit: query.pageSize + 1,
    beforeId,
  });
  const page = entries.slice(0, query.pageSize);
  const last = page.at(-1);
  return {
    entries: page,
    nextPageToken:
      entries.length > query.pageSize && last !== undefined ? encodeAuditCursor(last.id) : null,
  };
}

function csvRecord(entry: AuditEntry): (string | null | undefined)[] {
  return [
    entry.id,
    entry.occurredAt,
    entry.kind,
    entry.source,
    entry.actor.type,
    actorIdOf(entry.actor),
    entry.actor.type === 'user' || entry.actor.type === 'requester' ? entry.actor.email : null,
    entry.ip,
    entry.member.userId,
    entry.member.email,
    entry.before?.status,
    entry.before?.roles.join(' '),
    entry.after?.status,
    entry.after?.roles.join(' '),
  ];
}

/** The header, then one CSV line per matching entry, newest first. */
export async function* auditCsvLines(
  store: AuditStore,
  organizationId: string,
  query: AuditFilterQuery,
  pageSize: number = EXPORT_PAGE_SIZE,
): AsyncGenerator<string> {
  yield writeCsvLines([AUDIT_CSV_COLUMNS]);
  const filter = filterOf(query);
  let beforeId: number | undefined;
  for (;;) {
    const entries = await store.list(organizationId, filter, { limit: pageSize, beforeId });
    yield writeCsvLines(entries.map(csvRecord));
    const last = entries.at(-1);
    if (entries.length < pageSize || last === undefined) return;
    beforeId = Number(last.id);
  }
}
