// Serializes, per organization, the changes that the last-admin rule guards (role change,
// removal), so two admins demoting each other at once cannot both pass the check on one
// instance. Across instances the race stays possible; see docs/decisions on team management.
export class OrganizationLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  async run<T>(organizationId: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(organizationId) ?? Promise.resolve();
    const current = previous.then(fn, fn);
    const tail = current.catch(() => undefined);
    this.tails.set(organizationId, tail);
    try {
      return await current;
    } finally {
      if (this.tails.get(organizationId) === tail) this.tails.delete(organizationId);
    }
  }
}
