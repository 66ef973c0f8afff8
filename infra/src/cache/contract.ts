import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'chai';
import { answerKey, type Cache } from './port.js';

/** The behaviour every Cache adapter must show. Keys carry a per-run suffix so suites can share a server. */
export function cacheContract(open: (ctx: Mocha.Context) => Promise<Cache>): void {
  describe('Cache contract', () => {
    let cache: Cache;
    const run = `${process.pid}-${Date.now().toString(36)}`;
    let n = 0;
    const fresh = (what: string) => `${what}-${run}-${++n}`;

    before(async function () {
      cache = await open(this);
    });
    after(async () => {
      await cache?.close();
    });

    it('answers ping', async () => {
      expect(await cache.ping()).to.equal(true);
    });

    it('counts generations per hospital and view, from 0', async () => {
      const hospital = fresh('h');
      expect(await cache.generation(hospital, 'bedBoard')).to.equal(0);
      expect(await cache.bump(hospital, 'bedBoard')).to.equal(1);
      expect(await cache.bump(hospital, 'bedBoard')).to.equal(2);
      expect(await cache.generation(hospital, 'bedBoard')).to.equal(2);
      expect(await cache.generation(hospital, 'census')).to.equal(0);
      expect(await cache.generation(fresh('h'), 'bedBoard')).to.equal(0);
    });

    it('counts concurrent bumps without losing one', async () => {
      const hospital = fresh('h');
      await Promise.all(Array.from({ length: 20 }, () => cache.bump(hospital, 'census')));
      expect(await cache.generation(hospital, 'census')).to.equal(20);
    });

    it('stores, overwrites and misses values', async () => {
      const key = fresh('q');
      expect(await cache.get(key)).to.equal(null);
      await cache.set(key, '{"beds":[]}', 60);
      expect(await cache.get(key)).to.equal('{"beds":[]}');
      await cache.set(key, '{"beds":[1]}', 60);
      expect(await cache.get(key)).to.equal('{"beds":[1]}');
    });

    it('reads an answer under the current generations of the views, in one call', async () => {
      const hospital = fresh('h');
      const at = { before: `q:${hospital}:beds:`, after: ':hash' };
      const views = ['bedBoard', 'patientSummary'];
      expect(await cache.getAtGenerations(hospital, views, at)).to.deep.equal({ generations: [0, 0], value: null });
      await cache.bump(hospital, 'patientSummary');
      await cache.set(answerKey(at, [0, 1]), 'board at 0.1', 60);
      expect(await cache.getAtGenerations(hospital, views, at)).to.deep.equal({
        generations: [0, 1],
        value: 'board at 0.1',
      });
      // A projector's bump makes the answer unreachable at once: the key moves with the generation.
      await cache.bump(hospital, 'bedBoard');
      expect(await cache.getAtGenerations(hospital, views, at)).to.deep.equal({ generations: [1, 1], value: null });
      // Another hospital's generations are its own.
      expect(await cache.getAtGenerations(fresh('h'), views, at)).to.deep.equal({ generations: [0, 0], value: null });
    });

    it('reads the value under generations past 9 and with no view at all', async () => {
      const hospital = fresh('h');
      for (let i = 0; i < 12; i++) await cache.bump(hospital, 'census');
      const at = { before: `q:${hospital}:census:`, after: ':h' };
      await cache.set(`q:${hospital}:census:12:h`, 'twelve', 60);
      expect(await cache.getAtGenerations(hospital, ['census'], at)).to.deep.equal({
        generations: [12],
        value: 'twelve',
      });
      await cache.set(`q:${hospital}:census::h`, 'none', 60);
      expect(await cache.getAtGenerations(hospital, [], at)).to.deep.equal({ generations: [], value: 'none' });
    });

    it('forgets a value after its TTL', async () => {
      const key = fresh('q');
      await cache.set(key, 'soon gone', 1);
      expect(await cache.get(key)).to.equal('soon gone');
      await sleep(1300);
      expect(await cache.get(key)).to.equal(null);
    });

    it('refuses a TTL that is not a whole number of seconds ≥ 1', async () => {
      for (const ttl of [0, -1, 1.5]) {
        const error = await cache.set(fresh('q'), 'v', ttl).catch((e: unknown) => e);
        expect(error, String(ttl)).to.be.instanceOf(RangeError);
      }
    });
  });
}
