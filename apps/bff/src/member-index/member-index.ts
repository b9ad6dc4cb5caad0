// Keeps the member index true and says when it can be trusted: rebuilds an organization from
// Scalekit off the request path (at first use and when older than the rebuild interval, one
// instance at a time through a claim in the database), and records the BFF's own writes and
// verified webhooks as they happen. Routes ask `isReady` and fall back to Scalekit when not.
import { randomUUID } from 'node:crypto';
import type { Member } from '@app/contracts';
import { toMember } from '../team/member-mapping.js';
import type { ScalekitGateway, ScalekitUser } from '../team/scalekit-types.js';
import type { MemberIndexStore } from './member-index-store.js';

/** Page size of a rebuild's walk (Scalekit's largest). */
const WALK_PAGE_SIZE = 100;

export interface MemberIndexOptions {
  /** A built index older than this is rebuilt in the background (it keeps serving meanwhile). */
  rebuildAfterMs: number;
  /** How long a rebuild's claim holds without progress before another instance may take over. */
  claimMs: number;
  /** Where failures of background work go (they never fail a request). */
  onError: (error: unknown, message: string) => void;
}

export class MemberIndex {
  private readonly instanceId = randomUUID();
  private readonly walks = new Map<string, Promise<void>>();
  private closing = false;

  constructor(
    readonly store: MemberIndexStore,
    private readonly gateway: ScalekitGateway,
    private readonly options: MemberIndexOptions,
  ) {}

  /**
   * Whether the organization's index is built (and so answers lists, counts and the last-admin
   * candidates). Starts a background rebuild when it is missing or old.
   */
  async isReady(organizationId: string): Promise<boolean> {
    const state = await this.store.state(organizationId);
    const builtAt = state?.builtAt ?? null;
    if (builtAt === null || Date.now() - builtAt.getTime() > this.options.rebuildAfterMs) {
      this.startRebuild(organizationId);
    }
    return builtAt !== null;
  }

  /** Starts a rebuild unless one runs in this process; another instance's claim also wins. */
  startRebuild(organizationId: string): void {
    if (this.closing || this.walks.has(organizationId)) return;
    const walk = this.rebuild(organizationId)
      .catch((error: unknown) => {
        this.options.onError(error, 'member index rebuild failed');
      })
      .finally(() => this.walks.delete(organizationId));
    this.walks.set(organizationId, walk);
  }

  /** The rebuild in progress in this process, if any (tests and benchmarks wait on it). */
  running(organizationId: string): Promise<void> | undefined {
    return this.walks.get(organizationId);
  }

  private async rebuild(organizationId: string): Promise<void> {
    const claimUntil = () => new Date(Date.now() + this.options.claimMs);
    const owner = this.instanceId;
    const startedAt = new Date();
    if (!(await this.store.claimBuild(organizationId, owner, startedAt, claimUntil()))) return;
    let finished = false;
    try {
      let pageToken = '';
      for (;;) {
        if (this.closing) return;
        const page = await this.gateway.call((client) =>
          client.user.listOrganizationUsers(organizationId, {
            pageSize: WALK_PAGE_SIZE,
            ...(pageToken === '' ? {} : { pageToken }),
          }),
        );
        const members = page.users
          .map((user) => toMember(user, organizationId))
          .filter((member) => member !== undefined);
        // Stamped with the time the page was read, not the walk's start: a row written by the
        // app after that (newer news) is then never pruned nor taken for stale.
        await this.store.upsert(organizationId, members, new Date());
        if (!(await this.store.extendClaim(organizationId, owner, claimUntil()))) return;
        if (page.nextPageToken === '' || page.users.length === 0) break;
        pageToken = page.nextPageToken;
      }
      await this.store.finishBuild(organizationId, startedAt, owner);
      finished = true;
    } finally {
      if (!finished) await this.store.releaseClaim(organizationId, owner);
    }
  }

  /** Records a member as Scalekit just answered it (the app's own write or a webhook). */
  async recordMember(organizationId: string, member: Member): Promise<void> {
    await this.guard(() => this.store.upsert(organizationId, [member], new Date()));
  }

  /**
   * Records a user as Scalekit just answered it (a changed name) in every organization the index
   * holds them in; returns their memberships there as they are now.
   */
  async recordUser(user: ScalekitUser): Promise<{ organizationId: string; member: Member }[]> {
    const recorded: { organizationId: string; member: Member }[] = [];
    await this.guard(async () => {
      for (const organizationId of await this.store.organizationsOf(user.id)) {
        const member = toMember(user, organizationId);
        if (member === undefined) {
          await this.store.remove(organizationId, user.id);
          continue;
        }
        await this.store.upsert(organizationId, [member], new Date());
        recorded.push({ organizationId, member });
      }
    });
    return recorded;
  }

  async recordRemoval(organizationId: string, userId: string): Promise<void> {
    await this.guard(() => this.store.remove(organizationId, userId));
  }

  /** Index writes after a Scalekit change never fail the change: the next rebuild repairs. */
  private async guard(write: () => Promise<void>): Promise<void> {
    try {
      await write();
    } catch (error) {
      this.options.onError(error, 'member index write failed');
    }
  }

  /** Stops walks between pages and waits for them. */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.walks.values());
  }
}
