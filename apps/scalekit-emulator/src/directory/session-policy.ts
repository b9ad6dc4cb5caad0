// Organization session policies: APPLICATION (the environment's own lifetimes) or CUSTOM
// (absolute and idle timeouts, only while the organization's session_policy feature is on).
// Units come in as minutes, hours or days and are stored and returned in minutes. The rule
// chain: absolute > idle > the application's access-token lifetime.
import type { EmulatorSettings, SessionLimits } from '../domain.js';
import { failedPrecondition, invalidArgument } from './errors.js';
import { requireOrganization } from './lookups.js';
import type {
  OrganizationSettingsStore,
  StoredSessionPolicy,
} from './organization-settings-store.js';
import { isFeatureEnabled } from './organization-settings.js';
import type { DirectoryStore } from './store.js';

export type TimeUnitName = 'MINUTES' | 'HOURS' | 'DAYS';

const MINUTES_PER: Record<TimeUnitName, number> = { MINUTES: 1, HOURS: 60, DAYS: 1440 };

export interface SessionPolicyInput {
  source: 'APPLICATION' | 'CUSTOM';
  absoluteTimeout?: number;
  absoluteUnit?: TimeUnitName; // absent: minutes
  idleEnabled?: boolean;
  idleTimeout?: number;
  idleUnit?: TimeUnitName;
}

/** What the organization has chosen; `custom` is null under the APPLICATION source. */
export interface OrganizationSessionPolicy {
  source: 'APPLICATION' | 'CUSTOM';
  custom: StoredSessionPolicy | null;
}

export interface ApplicationSessionPolicy {
  absoluteMinutes: number;
  idleEnabled: boolean;
  idleMinutes: number;
  accessTokenMinutes: number;
}

export class SessionPolicies {
  constructor(
    private readonly store: DirectoryStore,
    private readonly settings: EmulatorSettings,
  ) {}

  get(organizationId: string): OrganizationSessionPolicy {
    const org = requireOrganization(this.store, { id: organizationId });
    const custom = this.store.organizationSettings.sessionPolicy(org.id);
    return { source: custom === null ? 'APPLICATION' : 'CUSTOM', custom };
  }

  update(organizationId: string, input: SessionPolicyInput): OrganizationSessionPolicy {
    return this.store.transaction(() => {
      const org = requireOrganization(this.store, { id: organizationId });
      if (input.source === 'APPLICATION') {
        this.store.organizationSettings.saveSessionPolicy(org.id, null);
        return { source: 'APPLICATION', custom: null };
      }
      if (!isFeatureEnabled(this.store.organizationSettings, org.id, 'session_policy')) {
        throw failedPrecondition(
          `turn on the session_policy feature of ${org.displayName} before setting a custom session policy`,
        );
      }
      const custom = this.checkCustom(input);
      this.store.organizationSettings.saveSessionPolicy(org.id, custom);
      return { source: 'CUSTOM', custom };
    });
  }

  /** The environment's own lifetimes, from the emulator's settings. */
  application(): ApplicationSessionPolicy {
    return {
      absoluteMinutes: Math.floor(this.settings.sessionTtlSeconds / 60),
      idleEnabled: false,
      idleMinutes: 0,
      accessTokenMinutes: Math.ceil(this.settings.accessTokenTtlSeconds / 60),
    };
  }

  private checkCustom(input: SessionPolicyInput): StoredSessionPolicy {
    const absoluteMinutes = toMinutes(
      input.absoluteTimeout,
      input.absoluteUnit,
      'absolute_session_timeout',
    );
    if (absoluteMinutes === undefined) {
      throw invalidArgument('absolute_session_timeout is required for a CUSTOM session policy');
    }
    const idleEnabled = input.idleEnabled ?? false;
    const idleMinutes = idleEnabled
      ? toMinutes(input.idleTimeout, input.idleUnit, 'idle_session_timeout')
      : undefined;
    if (idleEnabled && idleMinutes === undefined) {
      throw invalidArgument('idle_session_timeout is required when the idle timeout is enabled');
    }
    const accessTokenMinutes = this.application().accessTokenMinutes;
    const floor = idleMinutes ?? accessTokenMinutes;
    if (absoluteMinutes <= floor) {
      throw invalidArgument(
        `absolute_session_timeout (${absoluteMinutes} min) must be longer than the ${idleMinutes === undefined ? 'access token lifetime' : 'idle timeout'} (${floor} min)`,
      );
    }
    if (idleMinutes !== undefined && idleMinutes <= accessTokenMinutes) {
      throw invalidArgument(
        `idle_session_timeout (${idleMinutes} min) must be longer than the access token lifetime (${accessTokenMinutes} min)`,
      );
    }
    return { absoluteMinutes, idleEnabled, idleMinutes: idleMinutes ?? null };
  }
}

/** The organization's limits while a CUSTOM policy is in force (the feature may be off since). */
export function organizationSessionLimits(
  settings: OrganizationSettingsStore,
  organizationId: string,
): SessionLimits | null {
  const custom = settings.sessionPolicy(organizationId);
  if (custom === null || !isFeatureEnabled(settings, organizationId, 'session_policy')) return null;
  return {
    absoluteSeconds: custom.absoluteMinutes * 60,
    idleSeconds: custom.idleEnabled && custom.idleMinutes !== null ? custom.idleMinutes * 60 : null,
  };
}

function toMinutes(
  value: number | undefined,
  unit: TimeUnitName | undefined,
  field: string,
): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value <= 0) {
    throw invalidArgument(`${field} must be a positive whole number`);
  }
  return value * MINUTES_PER[unit ?? 'MINUTES'];
}
