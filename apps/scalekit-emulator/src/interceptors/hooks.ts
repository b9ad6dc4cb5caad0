// Scalekit's interceptors: synchronous policy hooks the environment calls before it acts. Each
// call is a signed POST (the webhook signing scheme under interceptor-* headers, so the SDK's
// verifyInterceptorPayload accepts it); the hook answers ALLOW or DENY. A hook that is down,
// slow or answers nonsense follows its fail policy: open allows, closed denies.
import type { InterceptorConfig, InterceptorTrigger, Seed } from '../domain.js';
import { randomId } from '../auth/crypto.js';
import { signWebhook } from '../auth/webhooks.js';

/** What end users see when a hook denies without a message, or fails closed (Scalekit's wording). */
export const POLICY_RESTRICTION_MESSAGE =
  'The request could not be completed due to a policy restriction. Please contact support for assistance.';

export type HookDecision =
  { allowed: true; response: Record<string, unknown> } | { allowed: false; message: string };

export interface InterceptorContext {
  user_email: string;
  user_id?: string;
  organization_id?: string;
  user_agent?: string;
  ip_address?: string;
  device_type?: 'Desktop' | 'Mobile' | 'Tablet' | 'Unknown';
  auth_request?: Record<string, string>;
}

const ALLOW: HookDecision = { allowed: true, response: {} };

export class InterceptorHooks {
  constructor(
    private readonly seed: Seed,
    private readonly now: () => Date,
  ) {}

  configured(trigger: InterceptorTrigger): InterceptorConfig | undefined {
    const config = this.seed.interceptors?.[trigger];
    return config?.enabled === true ? config : undefined;
  }

  /** Calls the trigger's hook, if one is configured and enabled; without one, everything is allowed. */
  async call(
    trigger: InterceptorTrigger,
    context: InterceptorContext,
    data: Record<string, unknown>,
  ): Promise<HookDecision> {
    const config = this.configured(trigger);
    if (config === undefined) return ALLOW;
    const body = JSON.stringify({
      display_name: `${trigger.toLowerCase()} interceptor`,
      trigger_point: trigger,
      interceptor_context: {
        environment_id: this.seed.environment.id,
        device_type: 'Unknown',
        ...context,
        triggered_at: this.now().toISOString(),
      },
      data,
    });
    try {
      return readDecision(await this.post(config, body));
    } catch {
      return config.failPolicy === 'open'
        ? ALLOW
        : { allowed: false, message: POLICY_RESTRICTION_MESSAGE };
    }
  }

  private async post(config: InterceptorConfig, body: string): Promise<unknown> {
    const id = randomId('itc');
    // Wall-clock time: the receiver checks the timestamp against its own clock.
    const timestamp = Math.floor(Date.now() / 1000);
    const response = await fetch(config.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'interceptor-id': id,
        'interceptor-timestamp': String(timestamp),
        'interceptor-signature': signWebhook(config.secret, id, timestamp, body),
        'user-agent': 'scalekit-emulator',
      },
      body,
      signal: AbortSignal.timeout(config.timeoutMs),
    });
    if (response.status !== 200) {
      await response.body?.cancel();
      throw new Error(`interceptor answered ${response.status}`);
    }
    return response.json();
  }
}

/** `{decision: 'ALLOW'|'DENY', error?: {message}, response?}`; anything else is a failure. */
function readDecision(answer: unknown): HookDecision {
  if (typeof answer !== 'object' || answer === null) throw new Error('not a JSON object');
  const { decision, error, response } = answer as {
    decision?: unknown;
    error?: { message?: unknown };
    response?: unknown;
  };
  if (decision === 'ALLOW') {
    return {
      allowed: true,
      response:
        typeof response === 'object' && response !== null
          ? (response as Record<string, unknown>)
          : {},
    };
  }
  if (decision === 'DENY') {
    const message = typeof error?.message === 'string' ? error.message.trim() : '';
    return { allowed: false, message: message === '' ? POLICY_RESTRICTION_MESSAGE : message };
  }
  throw new Error('decision must be ALLOW or DENY');
}
