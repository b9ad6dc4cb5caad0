// Answers a CSV download from an async generator of lines, streamed as they are produced. The
// header and the first page are read before answering, so a failure there (database, Scalekit)
// still gets a proper `{code, message}` error rather than a 200 cut short.
import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { sendStream } from './team/caller.js';

export async function sendCsvDownload(
  reply: FastifyReply,
  filename: string,
  lines: AsyncGenerator<string>,
): Promise<FastifyReply> {
  const first: string[] = [];
  for (let pulled = 0; pulled < 2; pulled += 1) {
    const next = await lines.next();
    if (next.done === true) break;
    first.push(next.value);
  }
  async function* all(): AsyncGenerator<string> {
    yield first.join('');
    yield* lines;
  }
  void reply.header('content-disposition', `attachment; filename="${filename}"`);
  return sendStream(reply, 'text/csv; charset=utf-8', Readable.from(all()));
}
