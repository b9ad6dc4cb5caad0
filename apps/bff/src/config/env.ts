// The BFF's configuration: the only module that reads process.env. Every key is validated
// with zod at start-up and every bad key is listed at once, so a misconfigured deploy fails
// fast with one readable message.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The BFF's own data directory (git-ignored): the default home of the SQLite database. */
export const DEFAULT_DATA_DIR = fileURLToPath(new URL('../../.data', import.meta.url));

/**
 * Defaults for `pnpm dev` against the local emulator (`pnpm --filter @app/scalekit-emulator dev`).
 * They apply only when NODE_ENV is not `production`; production must set every secret.
 */
export const DEV_DEFAULTS = {
  SCALEKIT_ENVIRONMENT_URL: 'http://localhost:8787',
  SCALEKIT_CLIENT_ID: 'skc_dev_client',
  SCALEKIT_CLIENT_SECRET: 'dev_secret_local_emulator_only',
  SESSION_SECRET: 'dev-session-secret-at-least-32-characters-long',
  // The dev seed's webhook secret (apps/scalekit-emulator/seeds/dev.json).
  SCALEKIT_WEBHOOK_SECRET: 'whsec_c2NhbGVraXQtZW11bGF0b3ItZGV2LXdlYmhvb2stMzI=',
  // The dev seed's PRE_USER_INVITATION interceptor secret (same file).
  SCALEKIT_INTERCEPTOR_SECRET: 'whsec_c2NhbGVraXQtZW11bGF0b3ItZGV2LWludGVyY2VwdG9yLTMy',
} as const;

const durationSeconds = (fallback: number) =>
  z.coerce
    .number()
    .int()
    .positive()
    .max(31 * 24 * 3600)
    .default(fallback);

const httpUrl = z
  .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
  .transform((value) => value.replace(/\/+$/, ''));

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    SCALEKIT_ENVIRONMENT_URL: httpUrl,
    SCALEKIT_CLIENT_ID: z.string().min(1, 'is required'),
    SCALEKIT_CLIENT_SECRET: z.string().min(1, 'is required'),
    /** The origin browsers use; redirect URIs and same-origin checks derive from it. */
    APP_PUBLIC_URL: httpUrl.default('http://localhost:3000'),
    SESSION_SECRET: z.string().min(32, 'must be at least 32 characters'),
    REDIS_URL: z
      .url({ protocol: /^rediss?$/, message: 'must be a redis:// or rediss:// URL' })
      .optional(),
    /** PostgreSQL for the app's own data (several instances); unset: an embedded SQLite file. */
    DATABASE_URL: z
      .url({
        protocol: /^postgres(ql)?$/,
        message: 'must be a postgres:// or postgresql:// URL',
      })
      .optional(),
    /** The SQLite file when DATABASE_URL is unset (`:memory:` keeps it in memory). */
    DATABASE_FILE: z.string().min(1).optional(),
    SCALEKIT_WEBHOOK_SECRET: z
      .string()
      .regex(/^whsec_[A-Za-z0-9+/=]+$/, 'must look like whsec_<base64>')
      .optional(),
    /** Signing secret of Scalekit's PRE_USER_INVITATION interceptor; unset, the endpoint answers 404. */
    SCALEKIT_INTERCEPTOR_SECRET: z
      .string()
      .regex(/^whsec_[A-Za-z0-9+/=]+$/, 'must look like whsec_<base64>')
      .optional(),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    /** On SIGTERM, how long imports may take to finish their rows in flight before closing. */
    SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(300_000).default(20_000),
    /** On SIGTERM, how long readiness answers 503 before the listener closes, even when idle. */
    SHUTDOWN_NOTICE_MS: z.coerce.number().int().min(0).max(60_000).default(1_000),
    HOST: z.string().min(1).default('127.0.0.1'),
    /** A built member index older than this is rebuilt from Scalekit in the background. */
    MEMBER_INDEX_REBUILD_SECONDS: z.coerce
      .number()
      .int()
      .min(1)
      .default(6 * 3600),
    /** Idle timeout: a session unused this long ends. */
    SESSION_IDLE_TIMEOUT_SECONDS: durationSeconds(30 * 60),
    /** Absolute timeout: a session ends this long after sign-in, used or not. */
    SESSION_ABSOLUTE_TIMEOUT_SECONDS: durationSeconds(8 * 3600),
    /** Most sessions the in-process store keeps (oldest idle ones are evicted first). */
    SESSION_MAX_ENTRIES: z.coerce.number().int().positive().default(50_000),
    /** Budget of one Scalekit call; the BFF answers 503 identity_unavailable past it. */
    SCALEKIT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
    /** Scalekit calls in a row found unavailable before calls fail at once (circuit open). */
    SCALEKIT_CIRCUIT_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
    /** How long the circuit stays open before one call probes Scalekit again. */
    SCALEKIT_CIRCUIT_HALF_OPEN_MS: z.coerce.number().int().min(100).max(600_000).default(5000),
    /** Refresh the access token when it expires within this many seconds. */
    TOKEN_REFRESH_LEEWAY_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
    /** Sign-in attempts (`/auth/login*`, `/api/callback`) per client IP per minute. */
    RATE_LIMIT_SIGN_IN_PER_MINUTE: z.coerce.number().int().positive().default(30),
    /** Invite requests per session per minute (a bulk request counts once). */
    RATE_LIMIT_INVITE_PER_MINUTE: z.coerce.number().int().positive().default(30),
    /** Invite requests per client IP per minute, whatever the session. */
    RATE_LIMIT_INVITE_PER_IP_PER_MINUTE: z.coerce.number().int().positive().default(120),
    /** Requests per organization API key per minute, on every route keys may call. */
    RATE_LIMIT_API_KEY_PER_MINUTE: z.coerce.number().int().positive().default(300),
    /** SMTP server the BFF sends its own emails through (join links, decisions); unset: none. */
    SMTP_URL: z
      .url({ protocol: /^smtps?$/, message: 'must be an smtp:// or smtps:// URL' })
      .optional(),
    /** Sender of the BFF's emails. */
    MAIL_FROM: z.string().min(3).default('Teamspace <no-reply@teamspace.localhost>'),
    /** Join-request links (asking to join from the sign-in page) per address per hour. */
    JOIN_REQUESTS_PER_ADDRESS_PER_HOUR: z.coerce.number().int().positive().default(3),
    /** Join-request links per client IP per hour, whatever the address. */
    JOIN_REQUESTS_PER_IP_PER_HOUR: z.coerce.number().int().positive().default(20),
    /** How long an emailed join-request link may be used (once). */
    JOIN_LINK_TTL_SECONDS: z.coerce
      .number()
      .int()
      .min(60)
      .max(86_400)
      .default(30 * 60),
    /** Lets webhook endpoints be http://localhost or private addresses (local receivers only). */
    OUTBOUND_WEBHOOKS_ALLOW_PRIVATE_TARGETS: z
      .enum(['true', 'false'])
      .default('false')
      .transform((value) => value === 'true'),
    /** How often each instance looks for outbound webhook deliveries to send. */
    OUTBOUND_WEBHOOKS_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(1000),
    /** Wait before the first retry of a failed delivery; each later retry waits twice as long. */
    OUTBOUND_WEBHOOKS_RETRY_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(30_000),
    /** Attempts per delivery before it is marked failed. */
    OUTBOUND_WEBHOOKS_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(30).default(12),
    /** Budget of one delivery attempt. */
    OUTBOUND_WEBHOOKS_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
    /** Directory of the built SPA served in production (defaults to apps/web/dist). */
    WEB_DIST_DIR: z.string().min(1).optional(),
    /** `vite` serves the SPA through Vite's dev middleware; `static` serves WEB_DIST_DIR; `none` neither. */
    WEB_MODE: z.enum(['vite', 'static', 'none']).optional(),
    /** Set when a trusted reverse proxy sets X-Forwarded-For/-Proto (rate limits key on the client IP; https is known). */
    TRUST_PROXY: z
      .enum(['true', 'false'])
      .default('false')
      .transform((value) => value === 'true'),
  })
  .superRefine((env, ctx) => {
    const url = new URL(env.APP_PUBLIC_URL);
    const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
    if (env.NODE_ENV === 'production' && url.protocol !== 'https:' && !loopback) {
      // Session cookies must be Secure anywhere but a developer's own machine.
      ctx.addIssue({
        code: 'custom',
        path: ['APP_PUBLIC_URL'],
        message: 'must be https in production',
      });
    }
    if (url.protocol === 'https:' && !env.TRUST_PROXY) {
      // The BFF listens on plain http behind the proxy that ends TLS; Secure session cookies are
      // only set on requests that proxy marks as https (X-Forwarded-Proto).
      ctx.addIssue({
        code: 'custom',
        path: ['TRUST_PROXY'],
        message: 'must be true when APP_PUBLIC_URL is https (the TLS proxy sets X-Forwarded-Proto)',
      });
    }
    if (env.NODE_ENV === 'production' && env.OUTBOUND_WEBHOOKS_ALLOW_PRIVATE_TARGETS) {
      // Webhook URLs are chosen by customers: private targets would open the BFF's network.
      ctx.addIssue({
        code: 'custom',
        path: ['OUTBOUND_WEBHOOKS_ALLOW_PRIVATE_TARGETS'],
        message: 'must not be true in production',
      });
    }
    if (env.SESSION_IDLE_TIMEOUT_SECONDS > env.SESSION_ABSOLUTE_TIMEOUT_SECONDS) {
      ctx.addIssue({
        code: 'custom',
        path: ['SESSION_IDLE_TIMEOUT_SECONDS'],
        message: 'must not exceed SESSION_ABSOLUTE_TIMEOUT_SECONDS',
      });
    }
  });

export interface AppConfig {
  nodeEnv: 'development' | 'test' | 'production';
  scalekit: {
    environmentUrl: string;
    clientId: string;
    clientSecret: string;
    timeoutMs: number;
    circuit: { failures: number; halfOpenAfterMs: number };
    webhookSecret: string | undefined;
    /** Verifies the calls of the PRE_USER_INVITATION interceptor; undefined: not configured. */
    interceptorSecret: string | undefined;
  };
  /** Public origin, e.g. `http://localhost:3000` (no trailing slash). */
  publicUrl: string;
  /** `publicUrl + /api/callback`, byte-equal to the registered redirect URI. */
  redirectUri: string;
  /** `publicUrl + /sign-in`, the registered post-logout redirect URI. */
  postLogoutRedirectUri: string;
  session: {
    secret: string;
    idleTimeoutSeconds: number;
    absoluteTimeoutSeconds: number;
    maxEntries: number;
    refreshLeewaySeconds: number;
    /** `__Host-sid` over https, `sid` on plain http. */
    cookieName: string;
    secureCookie: boolean;
  };
  redisUrl: string | undefined;
  /** The app's own database: PostgreSQL when DATABASE_URL is set, else an embedded SQLite file. */
  database: DatabaseConfig;
  rateLimits: {
    signInPerMinute: number;
    invitePerMinute: number;
    invitePerIpPerMinute: number;
    apiKeyPerMinute: number;
  };
  server: {
    host: string;
    port: number;
    trustProxy: boolean;
    shutdownGraceMs: number;
    shutdownNoticeMs: number;
  };
  memberIndex: { rebuildAfterMs: number };
  outboundWebhooks: {
    allowPrivateTargets: boolean;
    pollMs: number;
    retryBaseMs: number;
    /** The longest wait between two retries. */
    retryMaxDelayMs: number;
    maxAttempts: number;
    timeoutMs: number;
  };
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** The BFF's own emails; without an SMTP URL nobody can ask to join (the rest works). */
  mail: { smtpUrl: string | undefined; from: string };
  joinRequests: { perAddressPerHour: number; perIpPerHour: number; linkTtlSeconds: number };
  web: { mode: 'vite' | 'static' | 'none'; distDir: string | undefined };
}

export type DatabaseConfig =
  { engine: 'postgres'; url: string } | { engine: 'sqlite'; file: string };

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((line) => `  - ${line}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

type EnvInput = Record<string, string | undefined>;

function withDevDefaults(env: EnvInput): EnvInput {
  if (env.NODE_ENV === 'production') return env;
  const merged: EnvInput = { ...env };
  for (const [key, value] of Object.entries(DEV_DEFAULTS)) {
    if (merged[key] === undefined || merged[key] === '') merged[key] = value;
  }
  return merged;
}

/** Blank values count as unset, so `FOO=` in a .env file falls back to the default. */
function dropBlanks(env: EnvInput): EnvInput {
  return Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
}

/** Parses and validates the environment; throws ConfigError listing every bad key. */
export function loadConfig(env: EnvInput = process.env): AppConfig {
  const parsed = EnvSchema.safeParse(withDevDefaults(dropBlanks(env)));
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
    );
  }
  const e = parsed.data;
  const secure = e.APP_PUBLIC_URL.startsWith('https://');
  return {
    nodeEnv: e.NODE_ENV,
    scalekit: {
      environmentUrl: e.SCALEKIT_ENVIRONMENT_URL,
      clientId: e.SCALEKIT_CLIENT_ID,
      clientSecret: e.SCALEKIT_CLIENT_SECRET,
      timeoutMs: e.SCALEKIT_TIMEOUT_MS,
      circuit: {
        failures: e.SCALEKIT_CIRCUIT_FAILURES,
        halfOpenAfterMs: e.SCALEKIT_CIRCUIT_HALF_OPEN_MS,
      },
      webhookSecret: e.SCALEKIT_WEBHOOK_SECRET,
      interceptorSecret: e.SCALEKIT_INTERCEPTOR_SECRET,
    },
    publicUrl: e.APP_PUBLIC_URL,
    redirectUri: `${e.APP_PUBLIC_URL}/api/callback`,
    postLogoutRedirectUri: `${e.APP_PUBLIC_URL}/sign-in`,
    session: {
      secret: e.SESSION_SECRET,
      idleTimeoutSeconds: e.SESSION_IDLE_TIMEOUT_SECONDS,
      absoluteTimeoutSeconds: e.SESSION_ABSOLUTE_TIMEOUT_SECONDS,
      maxEntries: e.SESSION_MAX_ENTRIES,
      refreshLeewaySeconds: e.TOKEN_REFRESH_LEEWAY_SECONDS,
      cookieName: secure ? '__Host-sid' : 'sid',
      secureCookie: secure,
    },
    redisUrl: e.REDIS_URL,
    database:
      e.DATABASE_URL === undefined
        ? {
            engine: 'sqlite',
            // Tests build many apps: each gets its own in-memory database unless told otherwise.
            file:
              e.DATABASE_FILE ??
              (e.NODE_ENV === 'test'
                ? ':memory:'
                : path.join(DEFAULT_DATA_DIR, 'teamspace.sqlite')),
          }
        : { engine: 'postgres', url: e.DATABASE_URL },
    rateLimits: {
      signInPerMinute: e.RATE_LIMIT_SIGN_IN_PER_MINUTE,
      invitePerMinute: e.RATE_LIMIT_INVITE_PER_MINUTE,
      invitePerIpPerMinute: e.RATE_LIMIT_INVITE_PER_IP_PER_MINUTE,
      apiKeyPerMinute: e.RATE_LIMIT_API_KEY_PER_MINUTE,
    },
    server: {
      host: e.HOST,
      port: e.PORT,
      trustProxy: e.TRUST_PROXY,
      shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
      shutdownNoticeMs: e.SHUTDOWN_NOTICE_MS,
    },
    memberIndex: { rebuildAfterMs: e.MEMBER_INDEX_REBUILD_SECONDS * 1000 },
    outboundWebhooks: {
      allowPrivateTargets: e.OUTBOUND_WEBHOOKS_ALLOW_PRIVATE_TARGETS,
      pollMs: e.OUTBOUND_WEBHOOKS_POLL_MS,
      retryBaseMs: e.OUTBOUND_WEBHOOKS_RETRY_BASE_MS,
      retryMaxDelayMs: 6 * 3600_000,
      maxAttempts: e.OUTBOUND_WEBHOOKS_MAX_ATTEMPTS,
      timeoutMs: e.OUTBOUND_WEBHOOKS_TIMEOUT_MS,
    },
    logLevel: e.LOG_LEVEL,
    mail: {
      // `pnpm dev` starts the local mail inbox on this port (scripts/dev.sh).
      smtpUrl: e.SMTP_URL ?? (e.NODE_ENV === 'development' ? 'smtp://127.0.0.1:1025' : undefined),
      from: e.MAIL_FROM,
    },
    joinRequests: {
      perAddressPerHour: e.JOIN_REQUESTS_PER_ADDRESS_PER_HOUR,
      perIpPerHour: e.JOIN_REQUESTS_PER_IP_PER_HOUR,
      linkTtlSeconds: e.JOIN_LINK_TTL_SECONDS,
    },
    web: {
      mode:
        e.WEB_MODE ??
        (e.NODE_ENV === 'production' ? 'static' : e.NODE_ENV === 'test' ? 'none' : 'vite'),
      distDir: e.WEB_DIST_DIR,
    },
  };
}
