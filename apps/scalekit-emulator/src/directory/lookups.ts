// How management calls find what they act on: organizations and users by id or external id,
// and a user's membership in an organization, each failing with a readable NotFound.
import type { Membership, Organization, User } from '../domain.js';
import { notFound } from './errors.js';
import type { DirectoryStore } from './store.js';

/** Organizations and users are addressed by Scalekit id or by the application's external id. */
export type Ref = { id: string } | { externalId: string };

export function requireOrganization(store: DirectoryStore, ref: Ref): Organization {
  const org =
    'id' in ref
      ? store.getOrganization(ref.id)
      : store.findOrganizationByExternalId(ref.externalId);
  if (org === undefined) throw notFound(`organization ${describeRef(ref)} not found`);
  return org;
}

export function requireUser(store: DirectoryStore, ref: Ref): User {
  const user = 'id' in ref ? store.getUser(ref.id) : store.findUserByExternalId(ref.externalId);
  if (user === undefined) throw notFound(`user ${describeRef(ref)} not found`);
  return user;
}

export function requireMembership(
  store: DirectoryStore,
  org: Organization,
  user: User,
): Membership {
  const membership = store.getMembership(org.id, user.id);
  if (membership === undefined)
    throw notFound(`${user.email} is not a member of ${org.displayName}`);
  return membership;
}

function describeRef(ref: Ref): string {
  return 'id' in ref ? ref.id : `with external id "${ref.externalId}"`;
}
