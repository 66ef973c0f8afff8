import { expect } from 'chai';
import { LruCache } from '../cache/lru/cache.js';
import type { ProjectionAnnouncement } from '../cache/port.js';
import { instrumentCache } from './traced-cache.js';

describe('instrumentCache', () => {
  it('passes announcements through, so a projector that wraps its cache still wakes waiting reads', async () => {
    const cache = instrumentCache(new LruCache());
    const heard: ProjectionAnnouncement[] = [];
    expect(cache.onAnnouncement, 'onAnnouncement kept').to.be.a('function');
    cache.onAnnouncement?.((a) => heard.push(a));
    expect(cache.announce, 'announce kept').to.be.a('function');
    await cache.announce?.({ hospitalId: 'h1', module: 'admissions', position: 7, views: ['bed_board'] });
    expect(heard).to.deep.equal([{ hospitalId: 'h1', module: 'admissions', position: 7, views: ['bed_board'] }]);
  });

  it('passes the one-round-trip answer read through', async () => {
    const bare = new LruCache();
    const cache = instrumentCache(bare);
    await bare.bump('h1', 'bed_board');
    await bare.set('q:h1:1:x', 'answer', 60);
    expect(await cache.getAtGenerations('h1', ['bed_board'], { before: 'q:h1:', after: ':x' })).to.deep.equal({
      generations: [1],
      value: 'answer',
    });
  });

  it('adds no announcements to a cache that has none', async () => {
    const bare = new LruCache();
    const without = instrumentCache({
      generation: (h, v) => bare.generation(h, v),
      bump: (h, v) => bare.bump(h, v),
      get: (k) => bare.get(k),
      getAtGenerations: (h, v, k) => bare.getAtGenerations(h, v, k),
      set: (k, v, t) => bare.set(k, v, t),
      ping: () => bare.ping(),
      close: () => bare.close(),
    });
    expect(await without.get('nothing')).to.equal(null);
    expect(without.announce).to.equal(undefined);
    expect(without.onAnnouncement).to.equal(undefined);
  });
});
