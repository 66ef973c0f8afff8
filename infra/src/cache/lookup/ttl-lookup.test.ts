import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'chai';
import { ttlLookup } from './ttl-lookup.js';

describe('ttlLookup (bounded in-process cache with a TTL)', () => {
  const counting = () => {
    const loads: string[] = [];
    const load = async (key: string) => {
      loads.push(key);
      return { key, n: loads.length };
    };
    return { loads, load };
  };

  it('loads once within the TTL, and again after it', async () => {
    const { loads, load } = counting();
    const lookup = ttlLookup(load, { ttlMs: 40, max: 10 });
    expect((await lookup.get('h1')).n).to.equal(1);
    expect((await lookup.get('h1')).n).to.equal(1);
    await sleep(60);
    expect((await lookup.get('h1')).n).to.equal(2);
    expect(loads).to.deep.equal(['h1', 'h1']);
  });

  it('shares one load between concurrent misses of a key', async () => {
    const { loads, load } = counting();
    const lookup = ttlLookup(load, { ttlMs: 1000, max: 10 });
    await Promise.all([lookup.get('h1'), lookup.get('h1'), lookup.get('h1')]);
    expect(loads).to.deep.equal(['h1']);
  });

  it('keeps at most max keys, and forgets a key on demand', async () => {
    const { loads, load } = counting();
    const lookup = ttlLookup(load, { ttlMs: 1000, max: 2 });
    await lookup.get('a');
    await lookup.get('b');
    await lookup.get('c'); // evicts a
    await lookup.get('a');
    lookup.forget('c');
    await lookup.get('c');
    expect(loads).to.deep.equal(['a', 'b', 'c', 'a', 'c']);
  });

  it('keeps an answer for the TTL ttlFor gives it', async () => {
    const { loads, load } = counting();
    const lookup = ttlLookup(load, { ttlMs: 1000, max: 10, ttlFor: (v) => (v.key === 'short' ? 30 : 1000) });
    await lookup.get('short');
    await lookup.get('long');
    await sleep(50);
    await lookup.get('short');
    await lookup.get('long');
    expect(loads).to.deep.equal(['short', 'long', 'short']);
  });

  it('does not cache a failed load', async () => {
    let fail = true;
    const lookup = ttlLookup(
      async () => {
        if (fail) throw new Error('store away');
        return { ok: true };
      },
      { ttlMs: 1000, max: 2 },
    );
    const error = await lookup.get('h1').catch((e: unknown) => e);
    expect(error).to.be.instanceOf(Error);
    fail = false;
    expect(await lookup.get('h1')).to.deep.equal({ ok: true });
  });
});
