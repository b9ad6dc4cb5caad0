// Organizations: create, get (by id or external id), list, update, and delete with its
// memberships, with Scalekit's field rules (name, external id, slug, logo, metadata, region)
// and the organization.created / updated / deleted webhooks.
import type { Organization, RegionCode, WebhookEventType } from '../domain.js';
import { alreadyExists } from './errors.js';
import { newId } from './ids.js';
import { requireOrganization, type Ref } from './lookups.js';
import type { ManagementDeps } from './management.js';
import type { Memberships } from './memberships.js';
import type { FeatureSetting } from './organization-settings-store.js';
import type { Page, PageRequest } from './paging.js';
import type { DirectoryStore } from './store.js';
import {
  checkExternalId,
  checkLogoUrl,
  checkMetadata,
  checkSlug,
  emptyToUndefined,
  requireText,
} from './validation.js';

/** Scalekit allows at most ten metadata pairs on an organization. */
const MAX_ORGANIZATION_METADATA = 10;

export interface OrganizationPatch {
  displayName?: string;
  externalId?: string; // '' clears
  metadata?: Record<string, string>; // empty: unchanged
  slug?: string; // '' clears
  logoUrl?: string; // '' clears
}

export class Organizations {
  constructor(
    private readonly deps: Pick<ManagementDeps, 'store' | 'now' | 'events'>,
    private readonly memberships: Memberships,
  ) {}

  private get store(): DirectoryStore {
    return this.deps.store;
  }

  createOrganization(input: {
    displayName: string;
    externalId?: string;
    metadata?: Record<string, string>;
    slug?: string;
    logoUrl?: string;
    regionCode?: RegionCode;
  }): Organization {
    const displayName = requireText(input.displayName, 'display_name');
    const externalId = checkExternalId(emptyToUndefined(input.externalId));
    const slug = checkSlug(emptyToUndefined(input.slug));
    const logoUrl = checkLogoUrl(emptyToUndefined(input.logoUrl));
    const metadata = checkMetadata(input.metadata ?? {}, 'metadata', MAX_ORGANIZATION_METADATA);
    return this.store.transaction(() => {
      if (externalId !== undefined) this.assertExternalIdFree(externalId);
      if (slug !== undefined) this.assertSlugFree(slug);
      const now = this.deps.now();
      const org: Organization = {
        id: newId('org'),
        displayName,
        externalId: externalId ?? null,
        metadata,
        slug: slug ?? null,
        logoUrl: logoUrl ?? null,
        regionCode: input.regionCode ?? 'US',
        createdAt: now,
        updatedAt: now,
      };
      this.store.saveOrganization(org);
      this.announce('organization.created', org);
      return org;
    });
  }

  getOrganization(ref: Ref): Organization {
    return requireOrganization(this.store, ref);
  }

  listOrganizations(request: PageRequest & { externalId?: string }): Page<Organization> {
    return this.store.pageOrganizations(request, emptyToUndefined(request.externalId));
  }

  updateOrganization(ref: Ref, patch: OrganizationPatch): Organization {
    return this.store.transaction(() => {
      const org = this.getOrganization(ref);
      if (patch.displayName !== undefined)
        org.displayName = requireText(patch.displayName, 'display_name');
      if (patch.externalId !== undefined) {
        const externalId = checkExternalId(emptyToUndefined(patch.externalId));
        if (externalId !== undefined && externalId !== org.externalId)
          this.assertExternalIdFree(externalId);
        org.externalId = externalId ?? null;
      }
      if (patch.slug !== undefined) {
        const slug = checkSlug(emptyToUndefined(patch.slug));
        if (slug !== undefined && slug !== org.slug) this.assertSlugFree(slug);
        org.slug = slug ?? null;
      }
      if (patch.logoUrl !== undefined) {
        org.logoUrl = checkLogoUrl(emptyToUndefined(patch.logoUrl)) ?? null;
      }
      if (patch.metadata !== undefined && Object.keys(patch.metadata).length > 0) {
        org.metadata = checkMetadata(patch.metadata, 'metadata', MAX_ORGANIZATION_METADATA);
      }
      org.updatedAt = this.deps.now();
      this.store.saveOrganization(org);
      this.announce('organization.updated', org);
      return org;
    });
  }

  /** Replaces the organization's features with what `change` makes of them. */
  changeSettings(
    organizationId: string,
    change: (current: FeatureSetting[]) => FeatureSetting[],
  ): Organization {
    return this.store.transaction(() => {
      const org = this.getOrganization({ id: organizationId });
      const settings = this.store.organizationSettings;
      settings.saveFeatures(org.id, change(settings.features(org.id)));
      org.updatedAt = this.deps.now();
      this.store.saveOrganization(org);
      this.announce('organization.updated', org);
      return org;
    });
  }

  /** Removes every membership first (same cascade as deleteMembership), then the organization. */
  deleteOrganization(ref: Ref): void {
    this.store.transaction(() => {
      const org = this.getOrganization(ref);
      for (const membership of this.store.listMembershipsOfOrganization(org.id)) {
        this.memberships.remove(org, membership, true);
      }
      this.store.deleteOrganizationRecord(org.id);
      this.announce('organization.deleted', org);
    });
  }

  private announce(type: WebhookEventType, org: Organization): void {
    this.deps.events.emit(type, org.id, 'Organization', {
      id: org.id,
      display_name: org.displayName,
      external_id: org.externalId,
      metadata: org.metadata,
      slug: org.slug,
      logo_url: org.logoUrl,
      region_code: org.regionCode,
      settings: { features: this.store.organizationSettings.features(org.id) },
      create_time: org.createdAt.toISOString(),
      update_time: org.updatedAt.toISOString(),
    });
  }

  private assertSlugFree(slug: string): void {
    if (this.store.findOrganizationBySlug(slug) !== undefined) {
      throw alreadyExists(`an organization with slug "${slug}" already exists`);
    }
  }

  private assertExternalIdFree(externalId: string): void {
    if (this.store.findOrganizationByExternalId(externalId) !== undefined) {
      throw alreadyExists(`an organization with external id "${externalId}" already exists`);
    }
  }
}
