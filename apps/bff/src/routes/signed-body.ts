// Shared by the routes Scalekit calls with a signed body (webhooks, interceptors): the body kept
// as the exact string that was signed, and the signature headers picked out for the SDK check.
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** Scoped to the calling plugin: whatever the content type, the body stays the string signed. */
export function keepBodyAsSigned(app: FastifyInstance, maxBytes: number): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    '*',
    { parseAs: 'string', bodyLimit: maxBytes },
    (_request, body, parsed) => {
      parsed(null, body);
    },
  );
}

/** The raw body and the named headers (those present once), as the SDK's verifiers take them. */
export function signedParts(
  request: FastifyRequest,
  headerNames: readonly string[],
): { raw: string; headers: Record<string, string> } {
  const headers: Record<string, string> = {};
  for (const name of headerNames) {
    const value = request.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  return { raw: typeof request.body === 'string' ? request.body : '', headers };
}
