// Organizations: create, get (by id or external id), list, update, and delete with its memberships.
import type { Organization } from '../domain.js';
import { alreadyExists } from './errors.js';
import { newId } from './ids.js';
import { requireOrganization, type Ref } from './lookups.js';
import type { ManagementDeps } from './management.js';
import type { Memberships } from './memberships.js';
import type { Page, PageRequest } from './paging.js';
import type { DirectoryStore } from './store.js';
import { checkMetadata, emptyToUndefined, requireText } from './validation.js';

export class Organizations {
  constructor(
    private readonly deps: Pick<ManagementDeps, 'store' | 'now'>,
    private readonly memberships: Memberships,
  ) {}

  private get store(): DirectoryStore {
    return this.deps.store;
  }

  createOrganization(input: {
    displayName: string;
    externalId?: string;
    metadata?: Record<string, string>;
  }): Organization {
    const displayName = requireText(input.displayName, 'display_name');
    const externalId = emptyToUndefined(input.externalId);
    return this.store.transaction(() => {
      if (externalId !== undefined) this.assertExternalIdFree(externalId);
      const now = this.deps.now();
      const org: Organization = {
        id: newId('org'),
        displayName,
        externalId: externalId ?? null,
        metadata: checkMetadata(input.metadata ?? {}),
        createdAt: now,
        updatedAt: now,
      };
      this.store.saveOrganization(org);
      return org;
    });
  }

  getOrganization(ref: Ref): Organization {
    return requireOrganization(this.store, ref);
  }

  listOrganizations(request: PageRequest & { externalId?: string }): Page<Organization> {
    return this.store.pageOrganizations(request, emptyToUndefined(request.externalId));
  }

  updateOrganization(
    ref: Ref,
    patch: { displayName?: string; externalId?: string; metadata?: Record<string, string> },
  ): Organization {
    return this.store.transaction(() => {
      const org = this.getOrganization(ref);
      if (patch.displayName !== undefined)
        org.displayName = requireText(patch.displayName, 'display_name');
      if (patch.externalId !== undefined) {
        const externalId = emptyToUndefined(patch.externalId);
        if (externalId !== undefined && externalId !== org.externalId)
          this.assertExternalIdFree(externalId);
        org.externalId = externalId ?? null;
      }
      if (patch.metadata !== undefined && Object.keys(patch.metadata).length > 0) {
        org.metadata = checkMetadata(patch.metadata);
      }
      org.updatedAt = this.deps.now();
      this.store.saveOrganization(org);
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
    });
  }

  private assertExternalIdFree(externalId: string): void {
    if (this.store.findOrganizationByExternalId(externalId) !== undefined) {
      throw alreadyExists(`an organization with external id "${externalId}" already exists`);
    }
  }
}
