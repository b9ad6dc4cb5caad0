// Default settings of an emulator instance (token lifetimes, invitation expiry, delivery backoff).
import type { EmulatorSettings } from './domain.js';

export function resolveSettings(
  issuer: string,
  overrides: Partial<EmulatorSettings> = {},
): EmulatorSettings {
  return {
    issuer,
    smtpUrl: null,
    mailFrom: 'Scalekit Emulator <no-reply@scalekit-emulator.local>',
    accessTokenTtlSeconds: 300,
    idTokenTtlSeconds: 3600,
    refreshTokenTtlSeconds: 30 * 24 * 3600,
    authCodeTtlSeconds: 60,
    otpTtlSeconds: 300,
    inviteTtlSeconds: 15 * 24 * 3600,
    sessionTtlSeconds: 24 * 3600,
    deliveryRetryBaseMs: 1000,
    ...overrides,
  };
}
