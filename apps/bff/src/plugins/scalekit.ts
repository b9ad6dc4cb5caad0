// The Scalekit SDK client, shared by the whole app, and `callScalekit`, the one wrapper every
// SDK call goes through: it bounds the wait (the SDK retries `Unavailable` for ~5 s and each
// attempt has its own deadline), fails fast while the process-wide circuit is open, and maps
// SDK and network failures to typed errors.
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import {
  ScalekitClient,
  ScalekitServerException,
  ScalekitValidateTokenFailureException,
} from '@scalekit-sdk/node';
import type { AppConfig } from '../config/env.js';
import { AppError } from '../errors/app-error.js';
import { ScalekitCallError, type CallScalekit } from '../errors/scalekit-call-error.js';
import { createScalekitCircuit, type ScalekitCircuit } from './scalekit-circuit.js';

// gRPC status codes (connect-es `Code`), spelled out to avoid a direct dependency on connect.
const GRPC = {
  InvalidArgument: 3,
  NotFound: 5,
  AlreadyExists: 6,
  PermissionDenied: 7,
  ResourceExhausted: 8,
  FailedPrecondition: 9,
  Aborted: 10,
  OutOfRange: 11,
} as const;

interface AxiosLikeError {
  isAxiosError: true;
  message: string;
  response?: { status: number; data?: unknown; headers?: Record<string, unknown> };
}

function isAxiosLike(error: unknown): error is AxiosLikeError {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { isAxiosError?: unknown }).isAxiosError === true
  );
}

function unavailable(cause: unknown): AppError {
  return new AppError('identity_unavailable', 'The identity service is unavailable.', { cause });
}

function retryAfterFrom(headers: Record<string, unknown> | undefined): number | undefined {
  const raw = headers?.['retry-after'];
  const seconds = typeof raw === 'string' ? Number.parseInt(raw, 10) : Number.NaN;
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}

/** Maps whatever an SDK call threw to ScalekitCallError (a real answer) or AppError (unavailable). */
export function mapScalekitError(error: unknown): Error {
  if (error instanceof AppError || error instanceof ScalekitCallError) return error;
  if (error instanceof ScalekitValidateTokenFailureException) {
    return new ScalekitCallError('invalid_token', error.message, { cause: error });
  }
  if (error instanceof ScalekitServerException) {
    const message = error.message;
    switch (error.grpcStatus as number) {
      case GRPC.NotFound:
        return new ScalekitCallError('not_found', message, { cause: error });
      case GRPC.AlreadyExists:
      case GRPC.Aborted:
        return new ScalekitCallError('already_exists', message, { cause: error });
      case GRPC.InvalidArgument:
      case GRPC.FailedPrecondition:
      case GRPC.OutOfRange:
        return new ScalekitCallError('invalid_argument', message, { cause: error });
      case GRPC.PermissionDenied:
        return new ScalekitCallError('permission_denied', message, { cause: error });
      case GRPC.ResourceExhausted:
        return new ScalekitCallError('rate_limited', message, { cause: error });
      default:
        // Unavailable, DeadlineExceeded, Internal, Unauthenticated (bad client secret), ...
        return unavailable(error);
    }
  }
  if (isAxiosLike(error)) {
    // The token endpoint answers 400/401 with {error: "invalid_grant"} for a bad code or
    // refresh token; 429 is a rate limit; anything else (no answer, 5xx) is unavailability.
    const status = error.response?.status;
    if (status === 400 || status === 401) {
      return new ScalekitCallError('invalid_grant', `token endpoint answered ${status}`, {
        cause: error,
      });
    }
    if (status === 429) {
      return new ScalekitCallError('rate_limited', 'token endpoint answered 429', {
        cause: error,
        retryAfterSeconds: retryAfterFrom(error.response?.headers),
      });
    }
    return unavailable(error);
  }
  if (
    error instanceof Error &&
    /^Failed to refresh token: Request failed with status code 4\d\d/.test(error.message)
  ) {
    // `refreshAccessToken` wraps the axios error into a plain Error and keeps only its message.
    // Only a 4xx answer means the refresh token is dead; network errors stay "unavailable" so a
    // blip at Scalekit never signs anybody out.
    return new ScalekitCallError('invalid_grant', 'refresh token refused', { cause: error });
  }
  return unavailable(error);
}

/**
 * Builds the bounded caller: past `timeoutMs` the caller gets identity_unavailable at once, and
 * while `circuit` is open every call does, without reaching Scalekit.
 */
export function createScalekitCaller(
  client: ScalekitClient,
  timeoutMs: number,
  circuit: ScalekitCircuit,
): CallScalekit {
  const bounded = async <T>(fn: (client: ScalekitClient) => Promise<T>): Promise<T> => {
    let timer: NodeJS.Timeout | undefined;
    const call = fn(client);
    const deadline = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        reject(unavailable(new Error(`Scalekit call exceeded ${timeoutMs} ms`)));
      }, timeoutMs);
    });
    // The SDK call keeps running after the deadline; swallow its late failure.
    call.catch(() => undefined);
    try {
      return await Promise.race([call, deadline]);
    } catch (error) {
      throw mapScalekitError(error);
    } finally {
      clearTimeout(timer);
    }
  };
  return (fn) => circuit.run(() => bounded(fn));
}

export function createScalekitClient(config: AppConfig): ScalekitClient {
  return new ScalekitClient(
    config.scalekit.environmentUrl,
    config.scalekit.clientId,
    config.scalekit.clientSecret,
    {
      timeoutMs: config.scalekit.timeoutMs,
    },
  );
}

declare module 'fastify' {
  interface FastifyInstance {
    scalekit: ScalekitClient;
    callScalekit: CallScalekit;
    /** The process-wide breaker around every Scalekit call (open: Scalekit is known to be down). */
    scalekitCircuit: ScalekitCircuit;
    /** True when Scalekit's JWKS endpoint answers within the timeout (readiness probe). */
    scalekitReachable: (timeoutMs: number) => Promise<boolean>;
  }
}

async function probe(url: string, timeoutMs: number): Promise<boolean> {
  try {
    const answer = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    await answer.body?.cancel();
    return answer.ok;
  } catch {
    return false;
  }
}

function scalekitPlugin(app: FastifyInstance, options: { config: AppConfig }): Promise<void> {
  const client = createScalekitClient(options.config);
  app.decorate('scalekit', client);
  const circuit = createScalekitCircuit(options.config.scalekit.circuit, app.log);
  app.decorate('scalekitCircuit', circuit);
  app.decorate(
    'callScalekit',
    createScalekitCaller(client, options.config.scalekit.timeoutMs, circuit),
  );
  const keysUrl = `${options.config.scalekit.environmentUrl}/keys`;
  app.decorate('scalekitReachable', (timeoutMs: number) => probe(keysUrl, timeoutMs));
  return Promise.resolve();
}

export default fp(scalekitPlugin, { name: 'scalekit' });
