import { expect } from 'chai';
import { LruCache } from './lru/cache.js';
import { openCache } from './open.js';

describe('openCache', () => {
  it('chooses the in-process LRU without a URL', async () => {
    expect(await openCache(undefined)).to.be.instanceOf(LruCache);
  });
});
