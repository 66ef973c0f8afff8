import { expect } from 'chai';
import { v7 as uuidv7 } from 'uuid';
import type { IdempotencyStore, StoredResponse } from './port.js';

const response: StoredResponse = { status: 201, headers: { etag: '"0"' }, body: '{"revision":0}' };

/** Every idempotency adapter passes this suite. */
export function idempotencyContract(open: () => Promise<IdempotencyStore>): void {
  let store: IdempotencyStore;
  before(async () => {
    store = await open();
  });
  after(async () => {
    await store?.close();
  });

  it('lets the first caller execute, and replays its response to a repeat', async () => {
    const key = uuidv7();
    expect(await store.claim('h1', key, 'fp')).to.deep.equal({ outcome: 'claimed' });
    expect(await store.claim('h1', key, 'fp')).to.deep.equal({ outcome: 'in-progress' });
    await store.complete('h1', key, 'fp', response);
    expect(await store.claim('h1', key, 'fp')).to.deep.equal({ outcome: 'replay', response });
  });

  it('refuses the same key for a different request', async () => {
    const key = uuidv7();
    await store.claim('h1', key, 'fp-a');
    expect(await store.claim('h1', key, 'fp-b')).to.deep.equal({ outcome: 'mismatch' });
    await store.complete('h1', key, 'fp-a', response);
    expect(await store.claim('h1', key, 'fp-b')).to.deep.equal({ outcome: 'mismatch' });
  });

  it('keeps scopes apart: one hospital’s key is free in another', async () => {
    const key = uuidv7();
    await store.claim('h1', key, 'fp');
    expect(await store.claim('h2', key, 'fp')).to.deep.equal({ outcome: 'claimed' });
  });

  it('frees a released claim', async () => {
    const key = uuidv7();
    await store.claim('h1', key, 'fp');
    await store.release('h1', key);
    expect(await store.claim('h1', key, 'other')).to.deep.equal({ outcome: 'claimed' });
  });

  it('answers a ping while it can serve claims', async () => {
    expect(await store.ping()).to.equal(true);
  });

  it('lets exactly one of many concurrent claims execute', async () => {
    const key = uuidv7();
    const claims = await Promise.all(Array.from({ length: 20 }, () => store.claim('h1', key, 'fp')));
    expect(claims.filter((c) => c.outcome === 'claimed')).to.have.length(1);
    expect(claims.filter((c) => c.outcome === 'in-progress')).to.have.length(19);
  });
}

/** Waits for a TTL to pass: only for adapters given second-scale TTLs. */
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
