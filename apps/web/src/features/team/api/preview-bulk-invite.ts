// POST /api/team/invitations/bulk/preview: the import's own verdict on a CSV (roles of the
// organization, existing members, duplicates, addresses) without inviting anyone.
import {
  BULK_INVITE_CONTENT_TYPE,
  BulkInvitePreviewResponseSchema,
  routes,
  type BulkInvitePreviewResponse,
} from '@app/contracts';
import { request } from '@/lib/api-client';

export function previewBulkInvite(
  csv: string,
  defaultRole: string,
  signal?: AbortSignal,
): Promise<BulkInvitePreviewResponse> {
  return request(routes.bulkInvitationsPreview, BulkInvitePreviewResponseSchema, {
    method: 'POST',
    query: { defaultRole },
    body: { content: csv, contentType: BULK_INVITE_CONTENT_TYPE },
    signal,
  });
}
