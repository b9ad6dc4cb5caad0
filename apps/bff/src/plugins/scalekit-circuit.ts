// One circuit breaker for every Scalekit call of the process (cockatiel; see
// docs/decisions/005-scalekit-circuit-breaker.md). After `failures` calls in a row find
// Scalekit unavailable, calls fail at once with identity_unavailable instead of each waiting
// out its timeout; after `halfOpenAfterMs` one call goes through as a probe, and its success
// closes the circuit again. Only unavailability counts: a refusal (not found, invalid
// argument, rate limited) is Scalekit answering. The outage is logged once, when the circuit
// opens (and again when it closes); the calls it refuses meanwhile are not errors of their own.
import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  handleWhen,
} from 'cockatiel';
import { AppError } from '../errors/app-error.js';

export interface ScalekitCircuitOptions {
  failures: number;
  halfOpenAfterMs: number;
}

/** Where the circuit reports its opening and closing (the app's logger). */
export interface CircuitLog {
  warn(details: object, message: string): void;
  info(details: object, message: string): void;
}

export interface ScalekitCircuit {
  /** True while calls are refused at once (open, or half-open with its probe in flight). */
  readonly open: boolean;
  run<T>(call: () => Promise<T>): Promise<T>;
}

function isUnavailable(error: unknown): boolean {
  return error instanceof AppError && error.code === 'identity_unavailable';
}

export function createScalekitCircuit(
  options: ScalekitCircuitOptions,
  log?: CircuitLog,
): ScalekitCircuit {
  const breaker = circuitBreaker(handleWhen(isUnavailable), {
    breaker: new ConsecutiveBreaker(options.failures),
    halfOpenAfter: options.halfOpenAfterMs,
  });
  // A failed half-open probe opens the circuit again: that is the same outage, not a new one.
  let outageReported = false;
  breaker.onBreak(() => {
    if (outageReported) return;
    outageReported = true;
    log?.warn(
      { failures: options.failures, retryAfterMs: options.halfOpenAfterMs },
      'Scalekit unavailable: circuit opened, refusing Scalekit calls until a probe succeeds',
    );
  });
  breaker.onReset(() => {
    if (!outageReported) return;
    outageReported = false;
    log?.info({}, 'Scalekit available again: circuit closed');
  });
  return {
    get open() {
      return breaker.state === CircuitState.Open;
    },
    async run<T>(call: () => Promise<T>): Promise<T> {
      try {
        return await breaker.execute(call);
      } catch (error) {
        if (error instanceof BrokenCircuitError) {
          // Already logged when the circuit opened: the refusal itself stays quiet.
          throw new AppError('identity_unavailable', 'The identity service is unavailable.', {
            cause: error,
            reported: true,
          });
        }
        throw error;
      }
    },
  };
}
