import { expect } from 'chai';
import { Redis } from 'ioredis';
import { v7 as uuidv7 } from 'uuid';
import { requireService } from '../testing/services.js';

// Proves ioredis talks to the Redis services.sh runs, with what the read API's cache does: a value
// with a time to live and a generation counter bumped by the projections.
describe('smoke: Redis through ioredis', () => {
  let redis: Redis | undefined;

  before(async function () {
    const url = requireService(this, 'REDIS_URL');
    // Our keys only, under a prefix of this run, so cleanup cannot touch anyone else's.
    redis = new Redis(url, { keyPrefix: `chartline:smoke:${uuidv7()}:`, lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis.connect();
  });

  after(async () => {
    if (redis) {
      await redis.del('view:census', 'generation');
      expect(await redis.exists('view:census', 'generation')).to.equal(0);
      await redis.quit();
    }
  });

  it('sets and gets a value with a time to live, and bumps a counter', async () => {
    const r = redis!;
    const census = { ward: 'maternity', occupied: 12, capacity: 20 };
    expect(await r.set('view:census', JSON.stringify(census), 'EX', 60)).to.equal('OK');
    expect(JSON.parse((await r.get('view:census')) ?? 'null')).to.deep.equal(census);
    const ttl = await r.ttl('view:census');
    expect(ttl).to.be.within(1, 60);

    expect(await r.incr('generation')).to.equal(1);
    expect(await r.incr('generation')).to.equal(2);
    expect(await r.get('missing')).to.equal(null);
  });
});
