// Request fields shared by several RPCs: the id / external id oneof, and role names.
import { invalidArgument } from '../directory/errors.js';
import type { Ref } from '../directory/lookups.js';

export type Identities =
  | { case: 'id'; value: string }
  | { case: 'externalId'; value: string }
  | { case: undefined; value?: undefined };

export function refOf(identities: Identities, what: string): Ref {
  if (identities.case === 'id' && identities.value !== '') return { id: identities.value };
  if (identities.case === 'externalId' && identities.value !== '')
    return { externalId: identities.value };
  throw invalidArgument(`${what} id or external_id is required`);
}

export function requireField(value: string, field: string): string {
  if (value.trim() === '') throw invalidArgument(`${field} is required`);
  return value;
}

/** Role references arrive as {name}, {role_name} or {id}; an id is resolved when roles are checked. */
export function roleNames(roles: { id?: string; name?: string; roleName?: string }[]): string[] {
  return roles
    .map((role) => role.name || role.roleName || role.id || '')
    .filter((name) => name !== '');
}
