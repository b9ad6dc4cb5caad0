// Two BFF instances sharing one Redis: a webhook received by one instance reaches the SSE
// subscribers of the other, once, and a replay sent to the other instance is still ignored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from './support/harness.js';
import { redisAvailable } from './support/redis-server.js';
import { ACME_ADMIN } from './team-fixtures.js';
import { deliver, openEvents, removalEvent, signedHeaders } from './webhooks-fixtures.js';

describe.skipIf(!redisAvailable())('team events across instances (Redis)', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ redis: true, instances: 2 });
  });

  afterAll(async () => {
    await stack.stop();
  });

  it('delivers a webhook received by one instance to a subscriber of the other, once', async () => {
    const [first, second] = stack.instances;
    if (first === undefined || second === undefined) throw new Error('two instances expected');
    const secret = first.config.scalekit.webhookSecret ?? '';
    const admin = await stack.signIn(ACME_ADMIN, { instance: second });
    const stream = await openEvents(admin);
    try {
      const body = removalEvent('usr_fanout000000001');
      const headers = signedHeaders(secret, body);

      const received = await deliver(first.url, body, headers);
      const replayedElsewhere = await deliver(second.url, body, headers);

      expect([received.status, replayedElsewhere.status]).toEqual([204, 204]);
      await stream.next((event) => event.userId === 'usr_fanout000000001');
      const marker = removalEvent('usr_marker000000002');
      await deliver(second.url, marker, signedHeaders(secret, marker));
      await stream.next((event) => event.userId === 'usr_marker000000002');
      expect(stream.events.filter((event) => event.userId === 'usr_fanout000000001')).toHaveLength(
        1,
      );
    } finally {
      stream.close();
    }
  });
});
