// One circuit breaker for every Scalekit call of the process (cockatiel; see
// docs/decisions/005-scalekit-circuit-breaker.md). After `failures` calls in a row find
// Scalekit unavailable, calls fail at once with identity_unavailable instead of each waiting
// out its timeout; after `halfOpenAfterMs` one call goes through as a probe, and its success
// closes the circuit again. Only unavailability counts: a refusal (not found, invalid
// argument, rate limited) is Scalekit answering.
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

export interface ScalekitCircuit {
  /** True while calls are refused at once (open, or half-open with its probe in flight). */
  readonly open: boolean;
  run<T>(call: () => Promise<T>): Promise<T>;
}

function isUnavailable(error: unknown): boolean {
  return error instanceof AppError && error.code === 'identity_unavailable';
}

export function createScalekitCircuit(options: ScalekitCircuitOptions): ScalekitCircuit {
  const breaker = circuitBreaker(handleWhen(isUnavailable), {
    breaker: new ConsecutiveBreaker(options.failures),
    halfOpenAfter: options.halfOpenAfterMs,
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
          throw new AppError('identity_unavailable', 'The identity service is unavailable.', {
            cause: error,
          });
        }
        throw error;
      }
    },
  };
}
