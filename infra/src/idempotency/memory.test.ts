import { expect } from 'chai';
import { idempotencyContract, sleep } from './contract.js';
import { createMemoryIdempotencyStore } from './memory.js';

describe('idempotency: in-process', () => {
  idempotencyContract(async () => createMemoryIdempotencyStore());

  it('forgets responses after the TTL, and abandoned claims after the pending TTL', async () => {
    const store = createMemoryIdempotencyStore({ ttlSeconds: 0.4, pendingTtlSeconds: 0.05 });
    await store.claim('h', 'abandoned', 'fp');
    await store.claim('h', 'done', 'fp');
    await store.complete('h', 'done', 'fp', { status: 200, headers: {}, body: '{}' });
    await sleep(150);
    expect((await store.claim('h', 'abandoned', 'fp')).outcome).to.equal('claimed');
    expect((await store.claim('h', 'done', 'fp')).outcome).to.equal('replay');
    await sleep(300);
    expect((await store.claim('h', 'done', 'fp')).outcome).to.equal('claimed');
  });
});
