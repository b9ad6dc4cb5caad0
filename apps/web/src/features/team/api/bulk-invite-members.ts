// POST /api/team/invitations/bulk: sends the CSV text and reads the NDJSON answer line by
// line, so the screen can show progress while the BFF works through the rows.
import {
  BULK_INVITE_CONTENT_TYPE,
  BulkInviteEventSchema,
  routes,
  type BulkInviteEvent,
  type BulkInviteQuery,
} from '@app/contracts';
import { send } from '@/lib/api-client';
import { ApiError } from '@/lib/api-error';

export async function bulkInviteMembers(
  csv: string,
  defaultRole: string,
  onEvent: (event: BulkInviteEvent) => void,
  signal?: AbortSignal,
  /** What the BFF does with the new rows past the seat limit (its default: invite_fitting). */
  overSeatLimit?: BulkInviteQuery['overSeatLimit'],
): Promise<void> {
  const response = await send(routes.bulkInvitations, {
    method: 'POST',
    query: { defaultRole, overSeatLimit },
    body: { content: csv, contentType: BULK_INVITE_CONTENT_TYPE },
    accept: 'application/x-ndjson',
    signal,
  });
  if (!response.body) {
    throw new ApiError({ code: 'invalid_response', status: response.status, message: 'No body' });
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let finished = false;

  const emit = (line: string) => {
    if (line.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new ApiError({
        code: 'invalid_response',
        status: response.status,
        message: 'Bad line',
      });
    }
    const event = BulkInviteEventSchema.safeParse(json);
    if (!event.success) {
      throw new ApiError({
        code: 'invalid_response',
        status: response.status,
        message: 'Bad event',
      });
    }
    if (event.data.type === 'finished') finished = true;
    onEvent(event.data);
  };

  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += value;
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    lines.forEach(emit);
  }
  emit(buffer);
  // A stream cut before `finished` means some rows may not have been processed.
  if (!finished) {
    throw new ApiError({
      code: 'stream_interrupted',
      status: response.status,
      message: 'The import stopped before it finished',
    });
  }
}
