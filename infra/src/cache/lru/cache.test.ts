import { expect } from 'chai';
import { cacheContract } from '../contract.js';
import { LruCache } from './cache.js';

describe('LruCache', () => {
  cacheContract(async () => new LruCache());

  it('evicts the least recently used values, but never a generation', async () => {
    const cache = new LruCache({ maxEntries: 2 });
    await cache.bump('h', 'bedBoard');
    await cache.set('a', '1', 60);
    await cache.set('b', '2', 60);
    await cache.get('a');
    await cache.set('c', '3', 60);
    expect(await cache.get('b')).to.equal(null);
    expect(await cache.get('a')).to.equal('1');
    expect(await cache.generation('h', 'bedBoard')).to.equal(1);
  });
});
