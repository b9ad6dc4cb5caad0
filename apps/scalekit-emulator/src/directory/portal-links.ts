// Admin portal links (generatePortalLink and friends): a single-use URL valid for one minute;
// opening it starts a six-hour portal session in that browser, as Scalekit describes. The
// emulator serves the link as a page that says what it is (src/auth/portal-page.ts): the admin
// portal configures SSO and SCIM, which are not emulated.
import type Database from 'better-sqlite3';
import { randomToken, safeEqual, sha256Hex } from '../auth/crypto.js';
import type { Organization } from '../domain.js';
import { invalidArgument, notFound } from './errors.js';
import { newId } from './ids.js';
import { requireOrganization } from './lookups.js';
import type { DirectoryStore } from './store.js';

export const PORTAL_PATH_PREFIX = '/portal/';
export const PORTAL_LINK_TTL_MS = 60_000;
export const PORTAL_SESSION_TTL_MS = 6 * 3600_000;

/** The portal features a link may ask for, as the location's `features` parameters name them. */
export type PortalFeature = 'sso' | 'dir_sync';

export interface PortalLink {
  id: string; // lnk_...
  organizationId: string;
  location: string;
  features: PortalFeature[];
  expiresAt: Date;
}

interface PortalLinkRow {
  id: string;
  organization_id: string;
  features: string;
  created_at: number;
  expires_at: number;
  opened_at: number | null;
  session_hash: string | null;
}

/** What opening a link gives: the portal (and a new session token on first use) or nothing. */
export type PortalVisit =
  | { open: true; link: PortalLink; organization: Organization; newSessionToken?: string }
  | { open: false };

export function migratePortalLinks(db: Database.Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS portal_links (
      id TEXT PRIMARY KEY,
      organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
      features TEXT NOT NULL DEFAULT '[]',
      created_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL,
      opened_at INTEGER,
      session_hash TEXT
    );
    CREATE INDEX IF NOT EXISTS portal_links_by_organization ON portal_links (organization_id);
  `);
}

export class PortalLinks {
  constructor(
    private readonly deps: {
      db: Database.Database;
      store: DirectoryStore;
      /** The emulator's public URL, read when a location is built (the port may be picked late). */
      issuer: () => string;
      now: () => Date;
    },
  ) {
    migratePortalLinks(deps.db);
  }

  generate(organizationId: string, features: PortalFeature[]): PortalLink {
    const org = requireOrganization(this.deps.store, { id: organizationId });
    const nowMs = this.deps.now().getTime();
    const row: PortalLinkRow = {
      id: newId('lnk'),
      organization_id: org.id,
      features: JSON.stringify([...new Set(features)]),
      created_at: nowMs,
      expires_at: nowMs + PORTAL_LINK_TTL_MS,
      opened_at: null,
      session_hash: null,
    };
    this.deps.db
      .prepare(
        `INSERT INTO portal_links (id, organization_id, features, created_at, expires_at)
           VALUES (@id, @organization_id, @features, @created_at, @expires_at)`,
      )
      .run(row);
    return this.toLink(row);
  }

  /** The organization's links that can still be opened (not used, not expired), oldest first. */
  list(organizationId: string): PortalLink[] {
    const org = requireOrganization(this.deps.store, { id: organizationId });
    return this.deps.db
      .prepare<[string, number], PortalLinkRow>(
        `SELECT * FROM portal_links WHERE organization_id = ? AND opened_at IS NULL
           AND expires_at > ? ORDER BY created_at, id`,
      )
      .all(org.id, this.deps.now().getTime())
      .map((row) => this.toLink(row));
  }

  /** DeletePortalLink: revokes every link of the organization, and the sessions they started. */
  deleteAll(organizationId: string): void {
    const org = requireOrganization(this.deps.store, { id: organizationId });
    this.deps.db.prepare('DELETE FROM portal_links WHERE organization_id = ?').run(org.id);
  }

  deleteOne(organizationId: string, linkId: string): void {
    const org = requireOrganization(this.deps.store, { id: organizationId });
    if (linkId.trim() === '') throw invalidArgument('link_id is required');
    const { changes } = this.deps.db
      .prepare('DELETE FROM portal_links WHERE id = ? AND organization_id = ?')
      .run(linkId, org.id);
    if (changes === 0) throw notFound(`portal link ${linkId} not found in ${org.displayName}`);
  }

  /**
   * Opens a link: the first visit within its minute spends it and starts a portal session
   * (returned as a token for the browser's cookie); later visits need that session.
   */
  visit(linkId: string, sessionToken: string | undefined): PortalVisit {
    return this.deps.store.transaction((): PortalVisit => {
      const row = this.deps.db
        .prepare<[string], PortalLinkRow>('SELECT * FROM portal_links WHERE id = ?')
        .get(linkId);
      const organization =
        row === undefined ? undefined : this.deps.store.getOrganization(row.organization_id);
      if (row === undefined || organization === undefined) return { open: false };
      const nowMs = this.deps.now().getTime();
      if (row.opened_at === null) {
        if (row.expires_at <= nowMs) return { open: false };
        const token = randomToken();
        this.deps.db
          .prepare('UPDATE portal_links SET opened_at = ?, session_hash = ? WHERE id = ?')
          .run(nowMs, sha256Hex(token), row.id);
        return { open: true, link: this.toLink(row), organization, newSessionToken: token };
      }
      const sessionLive =
        row.opened_at + PORTAL_SESSION_TTL_MS > nowMs &&
        row.session_hash !== null &&
        sessionToken !== undefined &&
        safeEqual(row.session_hash, sha256Hex(sessionToken));
      return sessionLive ? { open: true, link: this.toLink(row), organization } : { open: false };
    });
  }

  private toLink(row: PortalLinkRow): PortalLink {
    const features = JSON.parse(row.features) as PortalFeature[];
    const location = new URL(`${PORTAL_PATH_PREFIX}${row.id}`, this.deps.issuer());
    for (const feature of features) location.searchParams.append('features', feature);
    return {
      id: row.id,
      organizationId: row.organization_id,
      location: location.toString(),
      features,
      expiresAt: new Date(row.expires_at),
    };
  }
}
