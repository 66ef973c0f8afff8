import { expect } from 'chai';
import { requireService } from '../testing/services.js';
import { idempotencyContract, sleep } from './contract.js';
import { IdempotencyUnavailable, openRedisIdempotencyStore } from './redis.js';

describe('idempotency: Redis', () => {
  let url: string;
  before(function () {
    url = requireService(this, 'REDIS_URL', 'the Redis idempotency store');
  });

  idempotencyContract(() => openRedisIdempotencyStore(url, { prefix: `test:${Date.now()}:` }));

  it('expires responses and abandoned claims with Redis TTLs', async () => {
    const store = await openRedisIdempotencyStore(url, {
      prefix: `test-ttl:${Date.now()}:`,
      ttlSeconds: 0.4,
      pendingTtlSeconds: 0.2,
    });
    await store.claim('h', 'abandoned', 'fp');
    await store.claim('h', 'done', 'fp');
    await store.complete('h', 'done', 'fp', { status: 200, headers: {}, body: '{}' });
    await sleep(250);
    expect((await store.claim('h', 'abandoned', 'fp')).outcome).to.equal('claimed');
    expect((await store.claim('h', 'done', 'fp')).outcome).to.equal('replay');
    await sleep(250);
    expect((await store.claim('h', 'done', 'fp')).outcome).to.equal('claimed');
    await store.close();
  });

  it('opens while Redis is unreachable, and reports each call as unavailable (fast)', async () => {
    const store = await openRedisIdempotencyStore('redis://127.0.0.1:1', { connectWaitMs: 100 });
    const started = Date.now();
    const error = await store.claim('h', 'k', 'fp').catch((e: unknown) => e);
    expect(error).to.be.instanceOf(IdempotencyUnavailable);
    expect(Date.now() - started).to.be.below(1000);
    // Readiness asks the same way: down, not an exception.
    expect(await store.ping()).to.equal(false);
    await store.close();
  });
});
