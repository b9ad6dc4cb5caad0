// Organization domains: ORGANIZATION_DOMAIN (SSO routing, admin-verified when added through the
// API, PENDING until DNS verification when the seed adds one the way the admin portal does) and
// ALLOWED_EMAIL_DOMAIN (people with an address on it may join the organization from the hosted
// organization picker). Public-provider and disposable domains are refused.
import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import type {
  DomainType,
  Events,
  Organization,
  OrganizationDomain,
  Seed,
  SeedDnsVerification,
} from '../domain.js';
import { readMeta, writeMeta } from '../store/meta.js';
import { invalidArgument, notFound } from './errors.js';
import {
  emailDomainOf,
  isDisposableEmailDomain,
  isPublicEmailDomain,
  normalizeDomainName,
} from './email-domains.js';
import { newId } from './ids.js';
import { requireOrganization, type Ref } from './lookups.js';
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
  dns_txt_published: number;
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
  // 1: the emulator treats the domain's TXT record as published (the seed says so), so DNS
  // verification succeeds offline. Added in place to directories from before DNS verification.
  const columns = db
    .prepare<[], { name: string }>("SELECT name FROM pragma_table_info('organization_domains')")
    .all();
  if (!columns.some((column) => column.name === 'dns_txt_published')) {
    db.exec(
      'ALTER TABLE organization_domains ADD COLUMN dns_txt_published INTEGER NOT NULL DEFAULT 0',
    );
  }
}

const STATUSES = ['PENDING', 'VERIFIED', 'AUTO_VERIFIED'] as const;
const METHODS = ['ADMIN', 'DNS', 'NOT_APPLICABLE'] as const;

function oneOf<T extends string>(values: readonly T[], value: string, fallback: T): T {
  return values.find((candidate) => candidate === value) ?? fallback;
}

function toDomain(row: DomainRow): OrganizationDomain {
  return {
    id: row.id,
    organizationId: row.organization_id,
    domain: row.domain,
    type:
      row.domain_type === 'ALLOWED_EMAIL_DOMAIN' ? 'ALLOWED_EMAIL_DOMAIN' : 'ORGANIZATION_DOMAIN',
    verificationStatus: oneOf(STATUSES, row.verification_status, 'VERIFIED'),
    verificationMethod: oneOf(METHODS, row.verification_method, 'ADMIN'),
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
  create(organization: Ref, name: string, type: DomainType): OrganizationDomain {
    const org = this.requireOrganization(organization);
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

  get(organization: Ref, id: string): OrganizationDomain {
    return toDomain(this.requireRow(organization, id));
  }

  /**
   * UpdateDomain: a domain's name cannot change and Scalekit's update message has no other
   * field yet, so this only confirms the domain exists.
   */
  update(organization: Ref, id: string): OrganizationDomain {
    return this.get(organization, id);
  }

  /**
   * VerifyDomain: admin-verified and auto-verified domains answer true at once. A PENDING one
   * is checked against its TXT record: the emulator has no DNS of its own, so the record counts
   * as published when the seed said so (`dnsVerification: "published"`). Success makes the
   * domain VERIFIED by DNS and emits organization.domain_dns_verification_success; otherwise it
   * stays PENDING and the answer is false.
   */
  verify(organization: Ref, id: string): boolean {
    return this.deps.store.transaction(() => {
      const row = this.requireRow(organization, id);
      if (row.verification_status !== 'PENDING') return true;
      if (row.dns_txt_published !== 1) return false;
      const nowMs = this.deps.now().getTime();
      this.deps.db
        .prepare(
          "UPDATE organization_domains SET verification_status = 'VERIFIED', updated_at = ? WHERE id = ?",
        )
        .run(nowMs, row.id);
      const verified = toDomain({ ...row, verification_status: 'VERIFIED', updated_at: nowMs });
      this.announce('organization.domain_dns_verification_success', verified);
      return true;
    });
  }

  /** Page numbers start at 1 (0 means the first page); sizes 1-100, default 30. */
  list(organization: Ref, type: DomainType | undefined, pageSize = 0, pageNumber = 0): DomainPage {
    const org = this.requireOrganization(organization);
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

  delete(organization: Ref, id: string): void {
    this.deps.store.transaction(() => {
      const domain = this.get(organization, id);
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
            this.insert(org.id, domain, entry.type, entry.dnsVerification);
          }
        }
      }
      writeMeta(db, SEEDED_KEY, this.deps.now().toISOString());
    });
  }

  /** Without `dns`, as the API adds domains; with it, as the admin portal does (PENDING, DNS). */
  private insert(
    organizationId: string,
    domain: string,
    type: DomainType,
    dns?: SeedDnsVerification,
  ): OrganizationDomain {
    const now = this.deps.now();
    const allowed = type === 'ALLOWED_EMAIL_DOMAIN';
    const record: OrganizationDomain = {
      id: newId('dom'),
      organizationId,
      domain,
      type,
      verificationStatus: allowed ? 'AUTO_VERIFIED' : dns ? 'PENDING' : 'VERIFIED',
      verificationMethod: allowed ? 'NOT_APPLICABLE' : dns ? 'DNS' : 'ADMIN',
      txtRecordKey: `_scalekit-verification.${domain}`,
      txtRecordSecret: `scalekit-verification=${randomBytes(16).toString('hex')}`,
      createdAt: now,
      updatedAt: now,
    };
    this.deps.db
      .prepare(
        `INSERT INTO organization_domains (id, organization_id, domain, domain_type, verification_status,
           verification_method, txt_record_key, txt_record_secret, created_at, updated_at,
           dns_txt_published)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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
        dns === 'published' ? 1 : 0,
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

  private requireOrganization(ref: Ref): Organization {
    return requireOrganization(this.deps.store, ref);
  }

  private requireRow(organization: Ref, id: string): DomainRow {
    const org = this.requireOrganization(organization);
    const row = this.deps.db
      .prepare<[string, string], DomainRow>(
        'SELECT * FROM organization_domains WHERE id = ? AND organization_id = ?',
      )
      .get(id, org.id);
    if (row === undefined) throw notFound(`domain ${id} not found in ${org.displayName}`);
    return row;
  }

  private announce(
    type:
      | 'organization.domain_created'
      | 'organization.domain_deleted'
      | 'organization.domain_dns_verification_success',
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
