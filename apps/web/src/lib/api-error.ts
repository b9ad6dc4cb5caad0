// The one error type the API client throws: a stable code from the contracts (or a client-side
// code when the server could not be reached or answered nonsense), plus the details screens need.
import type { ErrorCode, ErrorIssue } from '@app/contracts';

/** Codes the client adds to the contracts' list for failures that never reached a BFF handler. */
export type ClientErrorCode = 'network_error' | 'invalid_response' | 'stream_interrupted';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly code: ErrorCode | ClientErrorCode;
  /** HTTP status, or 0 when no answer arrived. */
  readonly status: number;
  readonly issues: readonly ErrorIssue[];
  readonly retryAfterSeconds: number | undefined;

  constructor(options: {
    code: ErrorCode | ClientErrorCode;
    status: number;
    message: string;
    issues?: readonly ErrorIssue[];
    retryAfterSeconds?: number | undefined;
  }) {
    super(options.message);
    this.code = options.code;
    this.status = options.status;
    this.issues = options.issues ?? [];
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
