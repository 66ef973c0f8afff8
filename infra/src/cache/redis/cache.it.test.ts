import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'chai';
import { freePort } from '../../testing/local-processes.js';
import { requireService } from '../../testing/services.js';
import { startThrowawayRedis, type ThrowawayRedis } from '../../testing/throwaway-redis.js';
import { cacheContract } from '../contract.js';
import { openCache } from '../open.js';
import { CacheUnavailable } from '../port.js';
import { openRedisCache, RedisCache } from './cache.js';

describe('RedisCache', () => {
  let url: string;
  before(function () {
    url = requireService(this, 'REDIS_URL');
  });

  cacheContract(async () => openRedisCache(url, { keyPrefix: `test:${process.pid}:${Date.now()}:` }));

  it('isolates key prefixes', async () => {
    const a = await openRedisCache(url, { keyPrefix: `test:a:${Date.now()}:` });
    const b = await openRedisCache(url, { keyPrefix: `test:b:${Date.now()}:` });
    try {
      await a.set('q', 'from a', 60);
      await a.bump('h', 'v');
      expect(await b.get('q')).to.equal(null);
      expect(await b.generation('h', 'v')).to.equal(0);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('carries a projector announcement to every listener of the same prefix, and only of it', async () => {
    const prefix = `test:announce:${process.pid}:${Date.now()}:`;
    const projector = await openRedisCache(url, { keyPrefix: prefix });
    const reader = await openRedisCache(url, { keyPrefix: prefix });
    const elsewhere = await openRedisCache(url, { keyPrefix: `${prefix}other:` });
    try {
      const heard: unknown[] = [];
      const strays: unknown[] = [];
      reader.onAnnouncement((a) => heard.push(a));
      elsewhere.onAnnouncement((a) => strays.push(a));
      const deadline = Date.now() + 5_000;
      // The subscription is made in the background: announce until it is heard.
      while (heard.length === 0 && Date.now() < deadline) {
        await projector.announce({ hospitalId: 'h1', module: 'admissions', position: 42, views: ['bed_board'] });
        await sleep(50);
      }
      // The views written travel too: the read API's live bed board listens for 'bed_board'.
      expect(heard[0]).to.deep.equal({ hospitalId: 'h1', module: 'admissions', position: 42, views: ['bed_board'] });
      expect(strays).to.deep.equal([]);
    } finally {
      await Promise.all([projector.close(), reader.close(), elsewhere.close()]);
    }
  });

  describe('when its Redis stops', () => {
    let redis: ThrowawayRedis;

    before(async () => {
      // A private redis-server: the shared one serves other engineers' tests.
      redis = await startThrowawayRedis();
    });
    after(() => redis?.destroy());

    it('fails every call fast with CacheUnavailable, then recovers when Redis is back', async () => {
      const cache = await openRedisCache(redis.url);
      try {
        expect(await cache.bump('h', 'bedBoard')).to.equal(1);
        expect(await cache.ping()).to.equal(true);
        const at = { before: 'q:h:', after: ':x' };
        expect(await cache.getAtGenerations('h', ['bedBoard'], at)).to.deep.equal({ generations: [1], value: null });

        await redis.kill();
        for (const call of [
          () => cache.get('q'),
          () => cache.set('q', 'v', 60),
          () => cache.generation('h', 'bedBoard'),
          () => cache.bump('h', 'bedBoard'),
          () => cache.getAtGenerations('h', ['bedBoard'], at),
        ]) {
          const started = performance.now();
          const error = await call().catch((e: unknown) => e);
          const tookMs = performance.now() - started;
          expect(error).to.be.instanceOf(CacheUnavailable);
          expect(tookMs, 'fails fast').to.be.below(1000);
        }
        expect(await cache.ping()).to.equal(false);

        await redis.start();
        const deadline = Date.now() + 10_000;
        while (!(await cache.ping())) {
          if (Date.now() > deadline) throw new Error('the cache did not reconnect');
          await sleep(100);
        }
        await cache.set('q', 'back', 60);
        expect(await cache.get('q')).to.equal('back');
        // A restarted Redis has forgotten the script: the call loads it again (NOSCRIPT, then EVAL).
        await cache.set('q:h:0:x', 'after restart', 60);
        expect(await cache.getAtGenerations('h', ['bedBoard'], at)).to.deep.equal({
          generations: [0],
          value: 'after restart',
        });
      } finally {
        await cache.close();
      }
    });

    it('opens even when Redis is down at start, and reports it per call', async () => {
      const cache = await openRedisCache(`redis://127.0.0.1:${await freePort()}`);
      try {
        const error = await cache.get('q').catch((e: unknown) => e);
        expect(error).to.be.instanceOf(CacheUnavailable);
      } finally {
        await cache.close();
      }
    });
  });
});

describe('openCache with a URL', () => {
  it('opens Redis', async function () {
    const url = requireService(this, 'REDIS_URL');
    const cache = await openCache(url, { keyPrefix: `test:open:${Date.now()}:` });
    try {
      expect(cache).to.be.instanceOf(RedisCache);
      expect(await cache.ping()).to.equal(true);
    } finally {
      await cache.close();
    }
  });
});
