import { expect } from 'chai';
import { cachedKeyReader } from './cached-key-reader.js';
import { createMemoryKeyStore } from './memory.js';
import type { KeyStore } from './port.js';

const patient = (id: string) => ({ kind: 'patient' as const, id });

/** The memory key store, counting the lookups that reach it. */
function counting(): { keys: KeyStore; lookups: () => number } {
  const keys = createMemoryKeyStore();
  let lookups = 0;
  return {
    lookups: () => lookups,
    keys: {
      ...keys,
      existingKey: (hospitalId, subject) => {
        lookups++;
        return keys.existingKey(hospitalId, subject);
      },
    },
  };
}

describe('cached key reader', () => {
  it('asks the key store once per patient while the key is held', async () => {
    const { keys, lookups } = counting();
    const made = await keys.dataKeyFor('h1', patient('p1'));
    const reader = cachedKeyReader(keys);
    expect(await reader.existingKey('h1', patient('p1'))).to.deep.equal(made);
    expect(await reader.existingKey('h1', patient('p1'))).to.deep.equal(made);
    expect(await reader.existingKey('h2', patient('p1')), 'another hospital, another key').to.equal(null);
    expect(lookups()).to.equal(2);
  });

  it('never caches a missing (erased) key: the next lookup asks again', async () => {
    const { keys, lookups } = counting();
    const reader = cachedKeyReader(keys);
    expect(await reader.existingKey('h1', patient('p1'))).to.equal(null);
    const made = await keys.dataKeyFor('h1', patient('p1'));
    expect(await reader.existingKey('h1', patient('p1'))).to.deep.equal(made);
    expect(lookups()).to.equal(2);
  });

  it('forgets a key on demand, so an erasure seen is never served from memory', async () => {
    const { keys, lookups } = counting();
    await keys.dataKeyFor('h1', patient('p1'));
    const reader = cachedKeyReader(keys);
    expect(await reader.existingKey('h1', patient('p1'))).to.not.equal(null);
    await keys.erase('h1', patient('p1'));
    reader.forget('h1', patient('p1'));
    expect(await reader.existingKey('h1', patient('p1'))).to.equal(null);
    expect(lookups()).to.equal(2);
  });

  it('does not keep a key whose lookup was in flight when it was forgotten', async () => {
    const keys = createMemoryKeyStore();
    await keys.dataKeyFor('h1', patient('p1'));
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow: Pick<KeyStore, 'existingKey'> = {
      existingKey: async (h, p) => {
        const key = await keys.existingKey(h, p);
        await gate;
        return key;
      },
    };
    const reader = cachedKeyReader(slow);
    const inFlight = reader.existingKey('h1', patient('p1'));
    reader.forget('h1', patient('p1'));
    await keys.erase('h1', patient('p1'));
    release();
    expect(await inFlight, 'the lookup answers what it read').to.not.equal(null);
    expect(await reader.existingKey('h1', patient('p1')), 'but did not cache it past the forget').to.equal(null);
  });

  it('holds keys for a short time only, and a bounded number of them', async () => {
    const { keys, lookups } = counting();
    for (const p of ['p1', 'p2', 'p3']) await keys.dataKeyFor('h1', patient(p));
    const brief = cachedKeyReader(keys, { ttlMs: 20 });
    await brief.existingKey('h1', patient('p1'));
    await new Promise((r) => setTimeout(r, 40));
    await brief.existingKey('h1', patient('p1'));
    expect(lookups(), 'expired, asked again').to.equal(2);
    const small = cachedKeyReader(keys, { max: 2 });
    for (const p of ['p1', 'p2', 'p3', 'p1']) await small.existingKey('h1', patient(p));
    expect(lookups(), 'p1 was evicted by p3').to.equal(6);
  });
});
