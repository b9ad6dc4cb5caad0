// Persistence of an organization's settings (features, seat limit, session policy) in the
// organization_settings table, plus the seat count the limit is checked against.
import type Database from 'better-sqlite3';
import { prepared } from '../auth/statements.js';

export interface FeatureSetting {
  name: string; // as the caller sent it (directory_sync or dir_sync)
  enabled: boolean;
}

/** A CUSTOM session policy, in minutes. */
export interface StoredSessionPolicy {
  absoluteMinutes: number;
  idleEnabled: boolean;
  idleMinutes: number | null;
}

interface SettingsRow {
  features: string;
  max_allowed_users: number | null;
  session_policy: string | null;
}

export class OrganizationSettingsStore {
  constructor(private readonly db: Database.Database) {}

  features(organizationId: string): FeatureSetting[] {
    const row = this.row(organizationId);
    if (row === undefined) return [];
    const parsed = JSON.parse(row.features) as unknown;
    return Array.isArray(parsed) ? parsed.filter(isFeatureSetting) : [];
  }

  saveFeatures(organizationId: string, features: FeatureSetting[]): void {
    this.upsert(organizationId, 'features', JSON.stringify(features));
  }

  /** null: the setting was never made or was cleared; 0: explicitly no limit. */
  maxAllowedUsers(organizationId: string): number | null {
    return this.row(organizationId)?.max_allowed_users ?? null;
  }

  saveMaxAllowedUsers(organizationId: string, max: number | null): void {
    this.upsert(organizationId, 'max_allowed_users', max);
  }

  sessionPolicy(organizationId: string): StoredSessionPolicy | null {
    const text = this.row(organizationId)?.session_policy ?? null;
    return text === null ? null : (JSON.parse(text) as StoredSessionPolicy);
  }

  saveSessionPolicy(organizationId: string, policy: StoredSessionPolicy | null): void {
    this.upsert(organizationId, 'session_policy', policy === null ? null : JSON.stringify(policy));
  }

  /** Seats in use: ACTIVE memberships and invitations that have not expired yet. */
  countSeats(organizationId: string, nowMs: number): number {
    const row = prepared(
      this.db,
      `SELECT COUNT(*) AS n FROM memberships WHERE organization_id = ? AND (status = 'ACTIVE'
         OR (status = 'PENDING_INVITE' AND (expires_at IS NULL OR expires_at > ?)))`,
    ).get(organizationId, nowMs) as { n: number } | undefined;
    return row?.n ?? 0;
  }

  private row(organizationId: string): SettingsRow | undefined {
    return prepared(
      this.db,
      'SELECT features, max_allowed_users, session_policy FROM organization_settings WHERE organization_id = ?',
    ).get(organizationId) as SettingsRow | undefined;
  }

  private upsert(
    organizationId: string,
    column: 'features' | 'max_allowed_users' | 'session_policy',
    value: string | number | null,
  ): void {
    prepared(
      this.db,
      `INSERT INTO organization_settings (organization_id, ${column}) VALUES (?, ?)
         ON CONFLICT(organization_id) DO UPDATE SET ${column} = excluded.${column}`,
    ).run(organizationId, value);
  }
}

function isFeatureSetting(value: unknown): value is FeatureSetting {
  if (typeof value !== 'object' || value === null) return false;
  const { name, enabled } = value as { name?: unknown; enabled?: unknown };
  return typeof name === 'string' && typeof enabled === 'boolean';
}
