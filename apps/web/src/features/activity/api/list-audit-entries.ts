// GET /api/audit: one page of the organization's audit log, newest first, filtered.
import {
  ListAuditResponseSchema,
  routes,
  type AuditFilterQuery,
  type ListAuditResponse,
} from '@app/contracts';
import { request } from '@/lib/api-client';
import { useQuery } from '@/lib/use-query';

export interface AuditEntriesQuery {
  filters: AuditFilterQuery;
  pageSize: number;
  pageToken: string | undefined;
}

export function listAuditEntries(
  query: AuditEntriesQuery,
  signal?: AbortSignal,
): Promise<ListAuditResponse> {
  return request(routes.audit, ListAuditResponseSchema, {
    query: { ...query.filters, pageSize: query.pageSize, pageToken: query.pageToken },
    signal,
  });
}

export function useAuditEntries(query: AuditEntriesQuery) {
  return useQuery(`audit:${JSON.stringify(query)}`, (signal) => listAuditEntries(query, signal));
}
