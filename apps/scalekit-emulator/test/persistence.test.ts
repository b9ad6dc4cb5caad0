import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MembershipStatus } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/commons/commons_pb.js';
import { afterEach, describe, expect, it } from 'vitest';
import { buildSeed } from '../src/index.js';
import { startTestEmulator } from './support/emulator.js';

describe('persistence in a data directory', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  function dataDir(): string {
    const dir = mkdtempSync(join(tmpdir(), 'scalekit-emulator-'));
    dirs.push(dir);
    return dir;
  }

  it('keeps organizations, users and invitations across a restart', async () => {
    const dir = dataDir();
    const first = await startTestEmulator({ inMemory: false, dataDir: dir });
    const org = await first.sdk.organization.createOrganization('Persisted');
    const orgId = org.organization?.id ?? '';
    const invited = await first.sdk.user.createUserAndMembership(orgId, {
      email: 'kept@persisted.test',
    });
    await first.close();

    const second = await startTestEmulator({ inMemory: false, dataDir: dir });
    try {
      expect((await second.sdk.organization.getOrganization(orgId)).organization?.displayName).toBe(
        'Persisted',
      );
      const { user } = await second.sdk.user.getUser(invited.user?.id ?? '');
      expect(user?.email).toBe('kept@persisted.test');
      expect(user?.memberships[0]?.membershipStatus).toBe(MembershipStatus.PENDING_INVITE);
    } finally {
      await second.close();
    }
  });

  it('applies the seed on the first start only, so deleted seed data stays deleted', async () => {
    const dir = dataDir();
    const first = await startTestEmulator({ inMemory: false, dataDir: dir });
    await first.sdk.organization.deleteOrganization('org_globex');
    await first.close();

    const second = await startTestEmulator({ inMemory: false, dataDir: dir });
    try {
      const { organizations } = await second.sdk.organization.listOrganization({ pageSize: 10 });
      expect(organizations.map((o) => o.id)).toEqual(['org_acme', 'org_initech']);
    } finally {
      await second.close();
    }
  });

  it('takes clients from the current seed on every start', async () => {
    const dir = dataDir();
    const first = await startTestEmulator({ inMemory: false, dataDir: dir });
    await first.close();
    const seed = buildSeed({
      appOrigin: 'http://localhost:3000',
      webhookUrl: null,
      clientSecret: 'rotated-secret-1',
    });
    const second = await startTestEmulator({ inMemory: false, dataDir: dir, seed });
    try {
      expect(second.emulator.clientSecret).toBe('rotated-secret-1');
      expect((await second.sdk.organization.getOrganization('org_acme')).organization?.id).toBe(
        'org_acme',
      );
    } finally {
      await second.close();
    }
  });
});
