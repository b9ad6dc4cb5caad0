// Organization domains: ORGANIZATION_DOMAIN (SSO routing, admin-verified when added through the
// API) and ALLOWED_EMAIL_DOMAIN (people with an address on it may join the organization from the
// hosted organization picker). Public-provider and disposable domains are refused.
import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { DomainType, Events, Organization, OrganizationDomain, Seed } from '../domain.js';
import { readMeta, writeMeta } from '../store/meta.js';
import { invalidArgument, notFound } from './errors.js';
import {
  emailDomainOf,
  isDisposableEmailDomain,
  isPublicEmailDomain,
  normalizeDomainName,
} from './email-domains.js';
import { newId } from './ids.js';
import type { DirectoryStore } from './store.js';

interface DomainRow {
  seq: number;
  id: string;
  organization_id: string;
  domain: string;
  domain_type: string;
  verification_status: string;
  verification_method: string;
  txt_record_key: string;
  txt_record_secret: string;
  created_at: number;
  updated_at: number;
}

export const DOMAIN_PAGE_SIZE_DEFAULT = 30;
export const DOMAIN_PAGE_SIZE_MAX = 100;
const SEEDED_KEY = 'domains_seeded_at';

export interface DomainPage {
  domains: OrganizationDomain[];
  pageSize: number;
  pageNumber: number;
}

export function migrateDomains(db: Database.Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS organization_domains (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      id TEXT NOT NULL UNIQUE,
      organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
      domain TEXT NOT NULL,
      domain_type TEXT NOT NULL,
      verification_status TEXT NOT NULL,
      verification_method TEXT NOT NULL,
      txt_record_key TEXT NOT NULL,
      txt_record_secret TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      UNIQUE (organization_id, domain)
    );
    CREATE INDEX IF NOT EXISTS organization_domains_by_name ON organization_domains (domain);
  `);
}

function toDomain(row: DomainRow): OrganizationDomain {
  return {
    id: row.id,
    organizationId: row.organization_id,
    domain: row.domain,
    type:
      row.domain_type === 'ALLOWED_EMAIL_DOMAIN' ? 'ALLOWED_EMAIL_DOMAIN' : 'ORGANIZATION_DOMAIN',
    verificationStatus: row.verification_status === 'AUTO_VERIFIED' ? 'AUTO_VERIFIED' : 'VERIFIED',
    verificationMethod: row.verification_method === 'NOT_APPLICABLE' ? 'NOT_APPLICABLE' : 'ADMIN',
    txtRecordKey: row.txt_record_key,
    txtRecordSecret: row.txt_record_secret,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

export class Domains {
  constructor(
    private readonly deps: {
      db: Database.Database;
      store: DirectoryStore;
      events: Events;
      seed: Seed;
      now: () => Date;
    },
  ) {
    migrateDomains(deps.db);
  }

  /**
   * API-added domains need no DNS proof: an organization domain is admin-verified, an allowed
   * email domain is auto-verified (verification does not apply).
   */
  create(organizationId: string, name: string, type: DomainType): OrganizationDomain {
    const org = this.requireOrganization(organizationId);
    const domain = normalizeDomainName(name);
    if (isDisposableEmailDomain(domain)) {
      throw invalidArgument(`domain "${domain}" is a disposable email domain and cannot be added`);
    }
    if (isPublicEmailDomain(domain)) {
      throw invalidArgument(`domain "${domain}" is a public email provider and cannot be added`);
    }
    return this.deps.store.transaction(() => {
      const sameName = this.rowsNamed(domain);
      if (sameName.some((row) => row.organization_id === org.id)) {
        throw invalidArgument(`domain "${domain}" already exists in ${org.displayName}`);
      }
      if (
        type === 'ORGANIZATION_DOMAIN' &&
        sameName.some((row) => row.domain_type === 'ORGANIZATION_DOMAIN')
      ) {
        throw invalidArgument(`domain "${domain}" is already claimed by another organization`);
      }
      const saved = this.insert(org.id, domain, type);
      this.announce('organization.domain_created', saved);
      return saved;
    });
  }

  get(organizationId: string, id: string): OrganizationDomain {
    const org = this.requireOrganization(organizationId);
    const row = this.deps.db
      .prepare<[string, string], DomainRow>(
        'SELECT * FROM organization_domains WHERE id = ? AND organization_id = ?',
      )
      .get(id, org.id);
    if (row === undefined) throw notFound(`domain ${id} not found in ${org.displayName}`);
    return toDomain(row);
  }

  /** Page numbers start at 1 (0 means the first page); sizes 1-100, default 30. */
  list(
    organizationId: string,
    type: DomainType | undefined,
    pageSize = 0,
    pageNumber = 0,
  ): DomainPage {
    const org = this.requireOrganization(organizationId);
    if (!Number.isInteger(pageSize) || pageSize < 0 || pageSize > DOMAIN_PAGE_SIZE_MAX) {
      throw invalidArgument(`page_size must be between 1 and ${DOMAIN_PAGE_SIZE_MAX}`);
    }
    if (!Number.isInteger(pageNumber) || pageNumber < 0) {
      throw invalidArgument('page_number must be 1 or more');
    }
    const size = pageSize === 0 ? DOMAIN_PAGE_SIZE_DEFAULT : pageSize;
    const page = Math.max(1, pageNumber);
    const rows = this.deps.db
      .prepare<[Record<string, unknown>], DomainRow>(
        `SELECT * FROM organization_domains WHERE organization_id = @org
           AND (@type IS NULL OR domain_type = @type) ORDER BY seq LIMIT @limit OFFSET @offset`,
      )
      .all({ org: org.id, type: type ?? null, limit: size, offset: (page - 1) * size });
    return { domains: rows.map(toDomain), pageSize: size, pageNumber: page };
  }

  delete(organizationId: string, id: string): void {
    this.deps.store.transaction(() => {
      const domain = this.get(organizationId, id);
      this.deps.db.prepare('DELETE FROM organization_domains WHERE id = ?').run(domain.id);
      this.announce('organization.domain_deleted', domain);
    });
  }

  /** Organizations with an allowed email domain equal to the address's domain. */
  organizationsAllowing(email: string): Organization[] {
    return this.rowsNamed(emailDomainOf(email))
      .filter((row) => row.domain_type === 'ALLOWED_EMAIL_DOMAIN')
      .map((row) => this.deps.store.getOrganization(row.organization_id))
      .filter((org): org is Organization => org !== undefined);
  }

  /**
   * Writes the seed's domains once per data directory (also into a directory seeded before
   * domains existed), for the seed organizations that are still there.
   */
  applySeedOnce(): void {
    const { db, seed, store } = this.deps;
    store.transaction(() => {
      if (readMeta(db, SEEDED_KEY) !== undefined) return;
      for (const org of seed.organizations) {
        if (store.getOrganization(org.id) === undefined) continue;
        for (const entry of org.domains ?? []) {
          const domain = normalizeDomainName(entry.domain);
          if (!this.rowsNamed(domain).some((row) => row.organization_id === org.id)) {
            this.insert(org.id, domain, entry.type);
          }
        }
      }
      writeMeta(db, SEEDED_KEY, this.deps.now().toISOString());
    });
  }

  private insert(organizationId: string, domain: string, type: DomainType): OrganizationDomain {
    const now = this.deps.now();
    const allowed = type === 'ALLOWED_EMAIL_DOMAIN';
    const record: OrganizationDomain = {
      id: newId('dom'),
      organizationId,
      domain,
      type,
      verificationStatus: allowed ? 'AUTO_VERIFIED' : 'VERIFIED',
      verificationMethod: allowed ? 'NOT_APPLICABLE' : 'ADMIN',
      txtRecordKey: `_scalekit-verification.${domain}`,
      txtRecordSecret: `scalekit-verification=${randomBytes(16).toString('hex')}`,
      createdAt: now,
      updatedAt: now,
    };
    this.deps.db
      .prepare(
        `INSERT INTO organization_domains (id, organization_id, domain, domain_type, verification_status,
           verification_method, txt_record_key, txt_record_secret, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        record.id,
        organizationId,
        domain,
        type,
        record.verificationStatus,
        record.verificationMethod,
        record.txtRecordKey,
        record.txtRecordSecret,
        now.getTime(),
        now.getTime(),
      );
    return record;
  }

  private rowsNamed(domain: string): DomainRow[] {
    return this.deps.db
      .prepare<[string], DomainRow>(
        'SELECT * FROM organization_domains WHERE domain = ? ORDER BY seq',
      )
      .all(domain);
  }

  private requireOrganization(id: string): Organization {
    const org = this.deps.store.getOrganization(id);
    if (org === undefined) throw notFound(`organization ${id} not found`);
    return org;
  }

  private announce(
    type: 'organization.domain_created' | 'organization.domain_deleted',
    domain: OrganizationDomain,
  ): void {
    this.deps.events.emit(type, domain.organizationId, 'Organization', {
      id: domain.id,
      domain: domain.domain,
      domain_type: domain.type,
      organization_id: domain.organizationId,
      environment_id: this.deps.seed.environment.id,
      txt_record_key: domain.txtRecordKey,
      txt_record_secret: domain.txtRecordSecret,
      verification_status: domain.verificationStatus,
      verification_method: domain.verificationMethod,
      updated_at: domain.updatedAt.toISOString(),
    });
  }
}
