// Persistence of organizations, users and memberships in SQLite, and the `Directory` seam the
// auth surface reads through. Business rules live in the per-resource modules beside it; this only stores.
import type Database from 'better-sqlite3';
import type { Directory, Membership, Organization, SessionLimits, User } from '../domain.js';
import { failedPrecondition, notFound } from './errors.js';
import { readCursor, toPage, type Page, type PageRequest } from './paging.js';
import { RoleStore } from './role-store.js';
import {
  membershipToRow,
  organizationToRow,
  toMembership,
  toOrganization,
  toUser,
  userToRow,
  type MembershipRow,
  type OrganizationRow,
  type UserRow,
} from './rows.js';
import { OrganizationSettingsStore } from './organization-settings-store.js';
import { migrateDirectory } from './schema.js';
import { assertSeatAvailable } from './seat-limits.js';
import { organizationSessionLimits } from './session-policy.js';

export interface OrganizationMember {
  user: User;
  membership: Membership;
}

export class DirectoryStore implements Directory {
  /** Roles and permissions share the database (and its transactions) with the directory. */
  readonly roles: RoleStore;
  readonly organizationSettings: OrganizationSettingsStore;
  // Preparing a statement costs more than running it; every statement here is prepared once.
  private readonly statements = new Map<string, Database.Statement>();

  constructor(
    readonly db: Database.Database,
    private readonly now: () => Date,
  ) {
    migrateDirectory(db);
    this.organizationSettings = new OrganizationSettingsStore(db);
    this.roles = new RoleStore(db, now());
  }

  private sql<P extends unknown[] | Record<string, unknown> = unknown[], R = unknown>(
    source: string,
  ): Database.Statement<P, R> {
    let statement = this.statements.get(source);
    if (statement === undefined) {
      statement = this.db.prepare(source);
      this.statements.set(source, statement);
    }
    return statement as Database.Statement<P, R>;
  }

  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  // --- the Directory seam -------------------------------------------------------------------

  getOrganization(id: string): Organization | undefined {
    const row = this.sql<[string], OrganizationRow>('SELECT * FROM organizations WHERE id = ?').get(
      id,
    );
    return row === undefined ? undefined : toOrganization(row);
  }

  getUser(id: string): User | undefined {
    const row = this.sql<[string], UserRow>('SELECT * FROM users WHERE id = ?').get(id);
    return row === undefined ? undefined : toUser(row);
  }

  findUserByEmail(email: string): User | undefined {
    const row = this.sql<[string], UserRow>('SELECT * FROM users WHERE email = ?').get(
      email.trim().toLowerCase(),
    );
    return row === undefined ? undefined : toUser(row);
  }

  getMembership(organizationId: string, userId: string): Membership | undefined {
    const row = this.sql<[string, string], MembershipRow>(
      'SELECT * FROM memberships WHERE organization_id = ? AND user_id = ?',
    ).get(organizationId, userId);
    return row === undefined ? undefined : toMembership(row, this.now());
  }

  listMembershipsOfUser(userId: string): Membership[] {
    const now = this.now();
    return this.sql<[string], MembershipRow>(
      'SELECT * FROM memberships WHERE user_id = ? ORDER BY seq',
    )
      .all(userId)
      .map((row) => toMembership(row, now));
  }

  activateMembership(organizationId: string, userId: string, now: Date): Membership {
    return this.transaction(() => {
      const membership = this.getMembership(organizationId, userId);
      if (membership === undefined)
        throw notFound(`user ${userId} has no membership in ${organizationId}`);
      if (membership.status === 'INACTIVE') throw failedPrecondition('the membership is inactive');
      if (membership.status !== 'ACTIVE') {
        membership.status = 'ACTIVE';
        membership.acceptedAt = now;
        membership.expiresAt = null;
        this.saveMembership(membership);
      }
      this.markEmailVerified(userId);
      return membership;
    });
  }

  markInviteExpired(organizationId: string, userId: string): void {
    this.sql(
      "UPDATE memberships SET status = 'INVITE_EXPIRED' WHERE organization_id = ? AND user_id = ? AND status = 'PENDING_INVITE'",
    ).run(organizationId, userId);
  }

  markEmailVerified(userId: string): void {
    this.sql(
      'UPDATE users SET email_verified = 1, updated_at = ? WHERE id = ? AND email_verified = 0',
    ).run(this.now().getTime(), userId);
  }

  recordLogin(userId: string, now: Date): void {
    this.sql('UPDATE users SET last_login_at = ? WHERE id = ?').run(now.getTime(), userId);
  }

  permissionsForRoles(organizationId: string, roles: string[]): string[] {
    return this.roles
      .permissionsOfRoles(organizationId, roles)
      .map((permission) => permission.name);
  }

  assertSeatAvailable(organizationId: string): void {
    assertSeatAvailable(this.organizationSettings, organizationId, this.now());
  }

  organizationSessionLimits(organizationId: string): SessionLimits | null {
    return organizationSessionLimits(this.organizationSettings, organizationId);
  }

  // --- organizations ---------------------------------------------------------------------------

  findOrganizationByExternalId(externalId: string): Organization | undefined {
    const row = this.sql<[string], OrganizationRow>(
      'SELECT * FROM organizations WHERE external_id = ?',
    ).get(externalId);
    return row === undefined ? undefined : toOrganization(row);
  }

  saveOrganization(org: Organization): void {
    this.sql(
      `INSERT INTO organizations (id, display_name, external_id, metadata, slug, logo_url, region_code,
           created_at, updated_at)
         VALUES (@id, @display_name, @external_id, @metadata, @slug, @logo_url, @region_code,
           @created_at, @updated_at)
         ON CONFLICT(id) DO UPDATE SET display_name = excluded.display_name, external_id = excluded.external_id,
           metadata = excluded.metadata, slug = excluded.slug, logo_url = excluded.logo_url,
           updated_at = excluded.updated_at`,
    ).run(organizationToRow(org));
  }

  findOrganizationBySlug(slug: string): Organization | undefined {
    const row = this.sql<[string], OrganizationRow>(
      'SELECT * FROM organizations WHERE slug = ?',
    ).get(slug);
    return row === undefined ? undefined : toOrganization(row);
  }

  deleteOrganizationRecord(id: string): void {
    this.sql('DELETE FROM organizations WHERE id = ?').run(id);
  }

  pageOrganizations(request: PageRequest, externalId?: string): Page<Organization> {
    const cursor = readCursor('organizations', request);
    const filter = externalId === undefined ? '' : 'AND external_id = @externalId';
    const rows = this.sql<[Record<string, unknown>], OrganizationRow>(
      `SELECT * FROM organizations WHERE seq > @after ${filter} ORDER BY seq LIMIT @limit`,
    ).all({ after: cursor.afterSeq, limit: cursor.limit + 1, externalId });
    const total = this.sql<[Record<string, unknown>], { n: number }>(
      `SELECT COUNT(*) AS n FROM organizations WHERE 1 = 1 ${filter}`,
    ).get({ externalId });
    return toPage('organizations', cursor, rows, total?.n ?? 0, toOrganization);
  }

  // --- users -----------------------------------------------------------------------------------

  findUserByExternalId(externalId: string): User | undefined {
    const row = this.sql<[string], UserRow>('SELECT * FROM users WHERE external_id = ?').get(
      externalId,
    );
    return row === undefined ? undefined : toUser(row);
  }

  saveUser(user: User): void {
    this.sql(
      `INSERT INTO users (id, email, external_id, given_name, family_name, name, locale, phone_number, email_verified,
           profile_metadata, custom_attributes, metadata, created_at, updated_at, last_login_at,
           preferred_username, picture, gender, groups)
         VALUES (@id, @email, @external_id, @given_name, @family_name, @name, @locale, @phone_number, @email_verified,
           @profile_metadata, @custom_attributes, @metadata, @created_at, @updated_at, @last_login_at,
           @preferred_username, @picture, @gender, @groups)
         ON CONFLICT(id) DO UPDATE SET external_id = excluded.external_id, given_name = excluded.given_name,
           family_name = excluded.family_name, name = excluded.name, locale = excluded.locale,
           phone_number = excluded.phone_number, email_verified = excluded.email_verified,
           profile_metadata = excluded.profile_metadata, custom_attributes = excluded.custom_attributes,
           metadata = excluded.metadata, updated_at = excluded.updated_at, last_login_at = excluded.last_login_at,
           preferred_username = excluded.preferred_username, picture = excluded.picture, gender = excluded.gender,
           groups = excluded.groups`,
    ).run(userToRow(user));
  }

  deleteUserRecord(id: string): void {
    this.sql('DELETE FROM users WHERE id = ?').run(id);
  }

  pageUsers(request: PageRequest): Page<User> {
    const cursor = readCursor('users', request);
    const rows = this.sql<[number, number], UserRow>(
      'SELECT * FROM users WHERE seq > ? ORDER BY seq LIMIT ?',
    ).all(cursor.afterSeq, cursor.limit + 1);
    const total = this.sql<[], { n: number }>('SELECT COUNT(*) AS n FROM users').get();
    return toPage('users', cursor, rows, total?.n ?? 0, toUser);
  }

  // --- memberships -----------------------------------------------------------------------------

  /** Inserts or updates a membership (the invitation resend time is kept apart, see markResent). */
  saveMembership(membership: Membership): void {
    const row = membershipToRow(membership, null);
    this.sql(
      `INSERT INTO memberships (organization_id, user_id, status, roles, metadata, inviter_email, display_name,
           created_at, accepted_at, expires_at, resend_count, provisioning_method)
         VALUES (@organization_id, @user_id, @status, @roles, @metadata, @inviter_email, @display_name,
           @created_at, @accepted_at, @expires_at, @resend_count, @provisioning_method)
         ON CONFLICT(organization_id, user_id) DO UPDATE SET status = excluded.status, roles = excluded.roles,
           metadata = excluded.metadata, inviter_email = excluded.inviter_email, display_name = excluded.display_name,
           accepted_at = excluded.accepted_at, expires_at = excluded.expires_at, resend_count = excluded.resend_count,
           provisioning_method = COALESCE(excluded.provisioning_method, memberships.provisioning_method)`,
    ).run({ ...row, seq: undefined, resent_at: undefined });
  }

  markResent(organizationId: string, userId: string, at: Date): void {
    this.sql('UPDATE memberships SET resent_at = ? WHERE organization_id = ? AND user_id = ?').run(
      at.getTime(),
      organizationId,
      userId,
    );
  }

  resentAt(organizationId: string, userId: string): Date | null {
    const row = this.sql<[string, string], { resent_at: number | null }>(
      'SELECT resent_at FROM memberships WHERE organization_id = ? AND user_id = ?',
    ).get(organizationId, userId);
    return row?.resent_at == null ? null : new Date(row.resent_at);
  }

  deleteMembershipRecord(organizationId: string, userId: string): void {
    this.sql('DELETE FROM memberships WHERE organization_id = ? AND user_id = ?').run(
      organizationId,
      userId,
    );
  }

  /** Whether the organization has any membership: one index probe, where a count reads them all. */
  hasMemberships(organizationId: string): boolean {
    return (
      this.sql<[string], { found: number }>(
        'SELECT 1 AS found FROM memberships WHERE organization_id = ? LIMIT 1',
      ).get(organizationId) !== undefined
    );
  }

  countMembershipsOfOrganization(organizationId: string): number {
    const row = this.sql<[string], { n: number }>(
      'SELECT COUNT(*) AS n FROM memberships WHERE organization_id = ?',
    ).get(organizationId);
    return row?.n ?? 0;
  }

  listMembershipsOfOrganization(organizationId: string): Membership[] {
    const now = this.now();
    return this.sql<[string], MembershipRow>(
      'SELECT * FROM memberships WHERE organization_id = ? ORDER BY seq',
    )
      .all(organizationId)
      .map((row) => toMembership(row, now));
  }

  pageOrganizationMembers(organizationId: string, request: PageRequest): Page<OrganizationMember> {
    const cursor = readCursor(`members:${organizationId}`, request);
    const rows = this.sql<[string, number, number], MembershipRow>(
      `SELECT * FROM memberships WHERE organization_id = ? AND seq > ? ORDER BY seq LIMIT ?`,
    ).all(organizationId, cursor.afterSeq, cursor.limit + 1);
    const now = this.now();
    return toPage(
      `members:${organizationId}`,
      cursor,
      rows,
      this.countMembershipsOfOrganization(organizationId),
      (row) => {
        const user = this.getUser(row.user_id);
        // Foreign keys guarantee the user exists; a miss would mean a corrupted database.
        if (user === undefined)
          throw new Error(`membership row points at missing user ${row.user_id}`);
        return { user, membership: toMembership(row, now) };
      },
    );
  }
}
