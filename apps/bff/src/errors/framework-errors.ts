// Errors raised before a request reaches a route, answered in the contracts' `{code, message}`
// like every other error: the router's (bad percent-encoding, an over-long path parameter)
// through Fastify's `frameworkErrors`, and the HTTP parser's (oversized headers, a malformed
// request line, a request that never finished arriving) through the server's `clientError`.
// Neither echoes the request: Fastify's own bodies quote the path back.
import type { Socket } from 'node:net';
import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { errorStatus, type ErrorBody, type ErrorCode } from '@app/contracts';
import { AppError } from './app-error.js';
import { sendError } from './send-error.js';

/** Fastify's `frameworkErrors` option. */
export function answerFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const appError =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? new AppError('uri_too_long', 'A part of the URL is too long.')
      : error.code === 'FST_ERR_BAD_URL'
        ? new AppError('bad_request', 'The URL is malformed.')
        : new AppError('internal_error', 'Internal error.', { cause: error });
  request.log.info({ code: appError.code, frameworkCode: error.code }, 'request refused');
  void sendError(reply, appError);
}

function clientErrorBody(error: NodeJS.ErrnoException): { code: ErrorCode; message: string } {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return { code: 'headers_too_large', message: 'The request headers are too large.' };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { code: 'request_timeout', message: 'The request took too long to arrive.' };
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return { code: 'payload_too_large', message: 'The request body is too large.' };
    default:
      return { code: 'bad_request', message: 'The request is malformed.' };
  }
}

/** Fastify's `clientErrorHandler` option: the parser gave up, so the answer is written raw. */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const { code, message } = clientErrorBody(error);
  const status = errorStatus[code];
  const body = JSON.stringify({ code, message } satisfies ErrorBody);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n` +
        'Content-Type: application/json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Cache-Control: no-store\r\n' +
        'Connection: close\r\n\r\n' +
        body,
    );
  }
  socket.destroy(error);
}
