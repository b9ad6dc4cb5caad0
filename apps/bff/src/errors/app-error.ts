// The one error type routes throw: a stable code from the contracts, a human message safe to
// show, optional field issues and Retry-After. The error handler turns it into `{code, message}`.
import { errorStatus, type ErrorCode, type ErrorIssue } from '@app/contracts';

export interface AppErrorOptions {
  issues?: ErrorIssue[];
  retryAfterSeconds?: number;
  cause?: unknown;
  /** The failure behind it was already logged once (an open circuit): log the refusal quietly. */
  reported?: boolean;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly statusCode: number;
  readonly issues: ErrorIssue[] | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly reported: boolean;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.statusCode = errorStatus[code];
    this.issues = options.issues;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.reported = options.reported ?? false;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
