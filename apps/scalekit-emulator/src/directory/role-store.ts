// Persistence of roles, permissions and their links in SQLite, and the reads every role-aware
// part needs: which role a name means in an organization, and a role's effective permissions.
// Rules (validation, refusals, webhooks) live in roles.ts and permissions.ts.
import type Database from 'better-sqlite3';
import { prepared } from '../auth/statements.js';
import { readMeta, writeMeta } from '../store/meta.js';
import { readCursor, toPage, type Page, type PageRequest } from './paging.js';
import { migrateRoles } from './roles-schema.js';

export interface Role {
  id: string; // role_...
  organizationId: string | null; // null: an environment role
  name: string;
  displayName: string;
  description: string;
  extends: string | null; // name of the base role
  createdAt: Date;
  updatedAt: Date;
}

export interface Permission {
  id: string; // perm_...
  name: string;
  description: string;
  scalekit: boolean; // predefined by Scalekit (sk_org_*)
  createdAt: Date;
  updatedAt: Date;
}

/** ALL, SCALEKIT, ENVIRONMENT: the proto's PermissionType numbering. */
export type PermissionFilter = 0 | 1 | 2;

interface RoleRow {
  seq: number;
  id: string;
  organization_id: string | null;
  name: string;
  display_name: string;
  description: string;
  base: string | null;
  created_at: number;
  updated_at: number;
}

interface PermissionRow {
  seq: number;
  id: string;
  name: string;
  description: string;
  scalekit: number;
  created_at: number;
  updated_at: number;
}

const DEFAULT_CREATOR_KEY = 'default_creator_role';
const DEFAULT_MEMBER_KEY = 'default_member_role';

export class RoleStore {
  constructor(
    private readonly db: Database.Database,
    now: Date,
  ) {
    migrateRoles(db, now);
  }

  private sql<P extends unknown[] | Record<string, unknown> = unknown[], R = unknown>(
    source: string,
  ): Database.Statement<P, R> {
    return prepared(this.db, source) as Database.Statement<P, R>;
  }

  // --- roles -----------------------------------------------------------------------------------

  /** The role `name` denotes in a scope: an organization's own role first, else the environment's. */
  resolveRole(organizationId: string | null, name: string): Role | undefined {
    const row = this.sql<[string, string | null], RoleRow>(
      `SELECT * FROM roles WHERE name = ? AND (organization_id IS NULL OR organization_id = ?)
         ORDER BY organization_id IS NULL LIMIT 1`,
    ).get(name, organizationId);
    return row === undefined ? undefined : toRole(row);
  }

  /** A role of exactly this scope (the environment when organizationId is null). */
  findRole(organizationId: string | null, name: string): Role | undefined {
    const row = this.sql<[string, string], RoleRow>(
      "SELECT * FROM roles WHERE name = ? AND ifnull(organization_id, '') = ?",
    ).get(name, organizationId ?? '');
    return row === undefined ? undefined : toRole(row);
  }

  findRoleById(id: string): Role | undefined {
    const row = this.sql<[string], RoleRow>('SELECT * FROM roles WHERE id = ?').get(id);
    return row === undefined ? undefined : toRole(row);
  }

  /** Whether any scope (environment or any organization) has a role of this name. */
  nameTakenAnywhere(name: string): boolean {
    return (
      this.sql<[string], { n: number }>('SELECT 1 AS n FROM roles WHERE name = ? LIMIT 1').get(
        name,
      ) !== undefined
    );
  }

  listEnvironmentRoles(): Role[] {
    return this.sql<[], RoleRow>('SELECT * FROM roles WHERE organization_id IS NULL ORDER BY seq')
      .all()
      .map(toRole);
  }

  /** The organization's own roles (without the environment's). */
  listOrganizationOwnRoles(organizationId: string): Role[] {
    return this.sql<[string], RoleRow>('SELECT * FROM roles WHERE organization_id = ? ORDER BY seq')
      .all(organizationId)
      .map(toRole);
  }

  /**
   * Roles that extend `role` directly. Names are unique across an environment role and the
   * organization roles, so any role naming an environment role as base means that role.
   */
  dependentsOf(role: Role): Role[] {
    const rows =
      role.organizationId === null
        ? this.sql<[string], RoleRow>('SELECT * FROM roles WHERE base = ? ORDER BY seq').all(
            role.name,
          )
        : this.sql<[string, string], RoleRow>(
            'SELECT * FROM roles WHERE base = ? AND organization_id = ? ORDER BY seq',
          ).all(role.name, role.organizationId);
    return rows.map(toRole);
  }

  /** `role` and every role that extends it, directly or through others. */
  withDescendants(role: Role): Role[] {
    const found = new Map<string, Role>([[role.id, role]]);
    const pending = [role];
    for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
      for (const dependent of this.dependentsOf(next)) {
        if (found.has(dependent.id)) continue;
        found.set(dependent.id, dependent);
        pending.push(dependent);
      }
    }
    return [...found.values()];
  }

  /** `role`, its base, the base's base, ... (stops at a missing base or a repeat). */
  lineage(role: Role): Role[] {
    const chain = [role];
    const seen = new Set([role.id]);
    let base = role.extends;
    while (base !== null) {
      const next = this.resolveRole(chain[chain.length - 1]?.organizationId ?? null, base);
      if (next === undefined || seen.has(next.id)) break;
      chain.push(next);
      seen.add(next.id);
      base = next.extends;
    }
    return chain;
  }

  saveRole(role: Role): void {
    this.sql(
      `INSERT INTO roles (id, organization_id, name, display_name, description, base, created_at, updated_at)
         VALUES (@id, @organization_id, @name, @display_name, @description, @base, @created_at, @updated_at)
         ON CONFLICT(id) DO UPDATE SET display_name = excluded.display_name, description = excluded.description,
           base = excluded.base, updated_at = excluded.updated_at`,
    ).run({
      id: role.id,
      organization_id: role.organizationId,
      name: role.name,
      display_name: role.displayName,
      description: role.description,
      base: role.extends,
      created_at: role.createdAt.getTime(),
      updated_at: role.updatedAt.getTime(),
    });
  }

  deleteRoleRecord(id: string): void {
    this.sql('DELETE FROM roles WHERE id = ?').run(id);
  }

  /** Points every role based on `from` (in its scope) at `to` instead (null: no base). */
  rebaseDependents(from: Role, to: string | null, now: Date): void {
    for (const dependent of this.dependentsOf(from)) {
      this.saveRole({ ...dependent, extends: to, updatedAt: now });
    }
  }

  // --- role holders ----------------------------------------------------------------------------

  /** Memberships (of every status) holding any of these roles, directly. */
  countHolders(roles: Role[]): number {
    let count = 0;
    for (const row of this.holderRows(roles)) {
      const held = parseNames(row.roles);
      if (roles.some((role) => holds(row, held, role))) count += 1;
    }
    return count;
  }

  /**
   * Replaces `role` with `replacement` in every membership holding it; a membership left with no
   * role at all gets `fallback(organizationId)`. Returns the memberships that changed.
   */
  reassignHolders(
    role: Role,
    replacement: string | null,
    fallback: (organizationId: string) => string,
  ): { organizationId: string; userId: string }[] {
    const rows = this.holderRows([role]);
    const update = this.sql('UPDATE memberships SET roles = ? WHERE seq = ?');
    const changed: { organizationId: string; userId: string }[] = [];
    for (const row of rows) {
      const held = parseNames(row.roles);
      if (!holds(row, held, role)) continue;
      let next = held.filter((name) => name !== role.name);
      if (replacement !== null && !next.includes(replacement)) next.push(replacement);
      if (next.length === 0) next = [fallback(row.organization_id)];
      update.run(JSON.stringify(next), row.seq);
      changed.push({ organizationId: row.organization_id, userId: row.user_id });
    }
    return changed;
  }

  private holderRows(roles: Role[]): HolderRow[] {
    // A LIKE prefilter on the JSON text keeps the scan in SQLite; `holds` then checks exactly.
    const rows: HolderRow[] = [];
    const seen = new Set<number>();
    for (const role of roles) {
      const pattern = `%${JSON.stringify(role.name).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const found =
        role.organizationId === null
          ? this.sql<[string], HolderRow>(
              "SELECT seq, organization_id, user_id, roles FROM memberships WHERE roles LIKE ? ESCAPE '\\'",
            ).all(pattern)
          : this.sql<[string, string], HolderRow>(
              "SELECT seq, organization_id, user_id, roles FROM memberships WHERE roles LIKE ? ESCAPE '\\' AND organization_id = ?",
            ).all(pattern, role.organizationId);
      for (const row of found) {
        if (seen.has(row.seq)) continue;
        seen.add(row.seq);
        rows.push(row);
      }
    }
    return rows;
  }

  // --- permissions -----------------------------------------------------------------------------

  getPermission(name: string): Permission | undefined {
    const row = this.sql<[string], PermissionRow>('SELECT * FROM permissions WHERE name = ?').get(
      name,
    );
    return row === undefined ? undefined : toPermission(row);
  }

  pagePermissions(filter: PermissionFilter, request: PageRequest): Page<Permission> {
    const kind = `permissions:${filter}`;
    const cursor = readCursor(kind, request);
    const where = filter === 0 ? '1 = 1' : filter === 1 ? 'scalekit = 1' : 'scalekit = 0';
    const rows = this.sql<[number, number], PermissionRow>(
      `SELECT * FROM permissions WHERE ${where} AND seq > ? ORDER BY seq LIMIT ?`,
    ).all(cursor.afterSeq, cursor.limit + 1);
    const total = this.sql<[], { n: number }>(
      `SELECT COUNT(*) AS n FROM permissions WHERE ${where}`,
    ).get();
    return toPage(kind, cursor, rows, total?.n ?? 0, toPermission);
  }

  savePermission(permission: Permission): void {
    this.sql(
      `INSERT INTO permissions (id, name, description, scalekit, created_at, updated_at)
         VALUES (@id, @name, @description, @scalekit, @created_at, @updated_at)
         ON CONFLICT(id) DO UPDATE SET description = excluded.description, updated_at = excluded.updated_at`,
    ).run({
      id: permission.id,
      name: permission.name,
      description: permission.description,
      scalekit: permission.scalekit ? 1 : 0,
      created_at: permission.createdAt.getTime(),
      updated_at: permission.updatedAt.getTime(),
    });
  }

  deletePermissionRecord(name: string): void {
    this.sql('DELETE FROM permissions WHERE name = ?').run(name);
  }

  /** Names of the roles linked directly to this permission. */
  rolesLinkedTo(permissionName: string): string[] {
    return this.sql<[string], { name: string }>(
      `SELECT r.name FROM role_permissions rp JOIN roles r ON r.id = rp.role_id
         WHERE rp.permission_name = ? ORDER BY rp.seq`,
    )
      .all(permissionName)
      .map((row) => row.name);
  }

  directPermissions(roleId: string): Permission[] {
    return this.sql<[string], PermissionRow>(
      `SELECT p.* FROM role_permissions rp JOIN permissions p ON p.name = rp.permission_name
         WHERE rp.role_id = ? ORDER BY rp.seq`,
    )
      .all(roleId)
      .map(toPermission);
  }

  linkPermissions(roleId: string, names: string[]): void {
    const insert = this.sql(
      'INSERT OR IGNORE INTO role_permissions (role_id, permission_name) VALUES (?, ?)',
    );
    for (const name of names) insert.run(roleId, name);
  }

  unlinkPermission(roleId: string, name: string): boolean {
    return (
      this.sql('DELETE FROM role_permissions WHERE role_id = ? AND permission_name = ?').run(
        roleId,
        name,
      ).changes > 0
    );
  }

  replacePermissions(roleId: string, names: string[]): void {
    this.sql('DELETE FROM role_permissions WHERE role_id = ?').run(roleId);
    this.linkPermissions(roleId, names);
  }

  /** Direct and inherited permissions, each with the role it comes from (nearest first). */
  effectivePermissions(role: Role): { permission: Permission; source: Role }[] {
    const seen = new Set<string>();
    const effective: { permission: Permission; source: Role }[] = [];
    for (const source of this.lineage(role)) {
      for (const permission of this.directPermissions(source.id)) {
        if (seen.has(permission.name)) continue;
        seen.add(permission.name);
        effective.push({ permission, source });
      }
    }
    return effective;
  }

  /** The union of the effective permissions of the named roles, as held in one organization. */
  permissionsOfRoles(organizationId: string, roleNames: string[]): Permission[] {
    const union = new Map<string, Permission>();
    for (const name of roleNames) {
      const role = this.resolveRole(organizationId, name);
      if (role === undefined) continue;
      for (const { permission } of this.effectivePermissions(role)) {
        if (!union.has(permission.name)) union.set(permission.name, permission);
      }
    }
    return [...union.values()];
  }

  // --- default roles ---------------------------------------------------------------------------

  environmentDefaults(): { creator: string | undefined; member: string | undefined } {
    return {
      creator: readMeta(this.db, DEFAULT_CREATOR_KEY),
      member: readMeta(this.db, DEFAULT_MEMBER_KEY),
    };
  }

  setEnvironmentDefaults(defaults: { creator?: string; member?: string }): void {
    if (defaults.creator !== undefined) writeMeta(this.db, DEFAULT_CREATOR_KEY, defaults.creator);
    if (defaults.member !== undefined) writeMeta(this.db, DEFAULT_MEMBER_KEY, defaults.member);
  }

  organizationDefaultMember(organizationId: string): string | undefined {
    return this.sql<[string], { member_role: string }>(
      'SELECT member_role FROM organization_default_roles WHERE organization_id = ?',
    ).get(organizationId)?.member_role;
  }

  setOrganizationDefaultMember(organizationId: string, roleName: string): void {
    this.sql(
      `INSERT INTO organization_default_roles (organization_id, member_role) VALUES (?, ?)
         ON CONFLICT(organization_id) DO UPDATE SET member_role = excluded.member_role`,
    ).run(organizationId, roleName);
  }

  /** Organizations whose default member role is `roleName` (an environment role may be one's). */
  organizationsDefaultingTo(roleName: string): string[] {
    return this.sql<[string], { organization_id: string }>(
      'SELECT organization_id FROM organization_default_roles WHERE member_role = ?',
    )
      .all(roleName)
      .map((row) => row.organization_id);
  }
}

interface HolderRow {
  seq: number;
  organization_id: string;
  user_id: string;
  roles: string;
}

/** Whether a membership row holds `role` itself (an organization role only in its organization). */
function holds(row: HolderRow, held: string[], role: Role): boolean {
  if (role.organizationId !== null && row.organization_id !== role.organizationId) return false;
  return held.includes(role.name);
}

function parseNames(text: string): string[] {
  const parsed: unknown = JSON.parse(text);
  return Array.isArray(parsed)
    ? parsed.filter((item): item is string => typeof item === 'string')
    : [];
}

function toRole(row: RoleRow): Role {
  return {
    id: row.id,
    organizationId: row.organization_id,
    name: row.name,
    displayName: row.display_name,
    description: row.description,
    extends: row.base,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

function toPermission(row: PermissionRow): Permission {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    scalekit: row.scalekit === 1,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}
