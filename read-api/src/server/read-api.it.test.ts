import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createMemoryKeyStore,
  type EventStore,
  freePort,
  killProcess,
  type MongoReadStore,
  openEventStore,
  openMongoReadStore,
  openRedisCache,
  type RedisCache,
  requireService,
  startThrowawayRedis,
  type ThrowawayRedis,
} from '@chartline/infra';
import { createMetricsRegistry } from '@chartline/infra/telemetry';
import { expect } from 'chai';
import pg from 'pg';
import request from 'supertest';
import { project, type SeededHospital, type Stores, seedHospital, tokens } from '../testing/hospital.js';
import { ferretDbBinary, startFerretDb } from '../testing/processes.js';
import { createReadApp } from './app.js';
import { QueryCacheCounters } from './query-cache.js';

const unique = `readapi_it_${process.pid}_${Date.now()}`;

async function dropAll(store: MongoReadStore) {
  for (const name of await store.listCollections()) await store.dropCollection(name);
}

describe('read API against MongoDB-wire, Redis and the PostgreSQL event store', () => {
  let postgresUrl: string;
  let eventStore: EventStore;
  let readStore: MongoReadStore;
  let cache: RedisCache;
  let stores: Stores;
  let h: SeededHospital;
  const auth = tokens();
  let nurse: string;
  let auditor: string;

  before(async function () {
    const mongoUrl = requireService(this, 'MONGODB_URL');
    const redisUrl = requireService(this, 'REDIS_URL');
    postgresUrl = requireService(this, 'POSTGRES_URL');
    eventStore = await openEventStore(postgresUrl, { postgresSchema: unique });
    readStore = await openMongoReadStore(mongoUrl, { database: unique });
    cache = await openRedisCache(redisUrl, { keyPrefix: `${unique}:` });
    stores = { eventStore, readStore, cache, keys: createMemoryKeyStore() };
    h = await seedHospital(stores, 'h1');
    await project(stores);
    nurse = await auth.mint('nurse', ['h1']);
    auditor = await auth.mint('auditor', ['h1']);
  });

  after(async () => {
    if (readStore) await dropAll(readStore).catch(() => {});
    await Promise.all([eventStore?.close(), readStore?.close(), cache?.close()]);
    if (postgresUrl) {
      const client = new pg.Client({ connectionString: postgresUrl });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${unique}" CASCADE`);
      await client.end();
    }
  });

  it('serves views from MongoDB, caches them in Redis and misses after a projector bump', async () => {
    const counters = new QueryCacheCounters();
    const metrics = createMetricsRegistry({ defaultMetrics: false });
    const app = createReadApp({ ...stores, auth: auth.auth, cacheCounters: counters, metrics });
    const get = (path: string) => request(app).get(path).set('Authorization', `Bearer ${nurse}`);
    const first = await get(`/hospitals/h1/wards/${h.wardId}/beds`).expect(200);
    expect(first.body.items.map((b: { status: string }) => b.status)).to.deep.equal(['occupied', 'free']);
    await get(`/hospitals/h1/wards/${h.wardId}/beds`).expect(200);
    expect({ hits: counters.hits, misses: counters.misses }).to.deep.equal({ hits: 1, misses: 1 });
    await h.history.append('admissions.BedClosed', h.bedIds[1], {
      bedId: h.bedIds[1],
      reason: 'maintenance',
      closedAt: new Date().toISOString(),
    });
    await project(stores); // bumps bed_board's generation in Redis
    const after = await get(`/hospitals/h1/wards/${h.wardId}/beds`).expect(200);
    expect(after.body.items.map((b: { status: string }) => b.status)).to.deep.equal(['occupied', 'closed']);
    expect(counters.misses).to.equal(2);
    // The same lookups, as Prometheus reads them: per view and result.
    const scraped = (await request(app).get('/metrics').expect(200)).text;
    expect(scraped).to.include('chartline_cache_requests_total{view="bed_board",result="miss"} 2');
    expect(scraped).to.include('chartline_cache_requests_total{view="bed_board",result="hit"} 1');
    const search = await get('/hospitals/h1/patients/search?name=lovelace').expect(200);
    expect(search.body.items.map((p: { patientId: string }) => p.patientId)).to.deep.equal([h.ada]);
    const census = await get('/hospitals/h1/census').expect(200);
    expect(census.body.wards[0].beds).to.include({ occupied: 1, closed: 1, total: 2 });
  });

  it('counts under-staffed shifts for Prometheus from the roster in MongoDB (hospital time zone, coming 24 hours)', async () => {
    // The seeded nurse is alone on the ward's Day shift (07:00-19:00 London, two required) of 20 January 2025.
    const metrics = createMetricsRegistry({ defaultMetrics: false });
    const app = createReadApp({
      ...stores,
      auth: auth.auth,
      metrics,
      clock: () => new Date('2025-01-19T12:00:00.000Z'),
    });
    const scraped = (await request(app).get('/metrics').expect(200)).text;
    expect(scraped).to.include('chartline_hr_understaffed_shifts{hospital="h1"} 1');
    expect(scraped).to.include('chartline_hr_understaffed_missing_staff{hospital="h1"} 1');
    expect(scraped).to.include(`chartline_hr_understaffed_shift_starts_in_seconds{hospital="h1"} ${19 * 3600}`);
    // Once it has started, the next day's Day shift (nobody rostered yet, 23 hours off) is the short one.
    const later = createMetricsRegistry({ defaultMetrics: false });
    const afterStart = createReadApp({
      ...stores,
      auth: auth.auth,
      metrics: later,
      clock: () => new Date('2025-01-20T08:00:00.000Z'),
    });
    const next = (await request(afterStart).get('/metrics').expect(200)).text;
    expect(next).to.include('chartline_hr_understaffed_missing_staff{hospital="h1"} 2');
    expect(next).to.include(`chartline_hr_understaffed_shift_starts_in_seconds{hospital="h1"} ${23 * 3600}`);
  });

  it('waits on a consistency token through projector_positions in MongoDB', async () => {
    const app = createReadApp({ ...stores, auth: auth.auth, consistency: { timeoutMs: 3000, pollMs: 20 } });
    const reopened = await h.history.append('admissions.BedReopened', h.bedIds[1], {
      bedId: h.bedIds[1],
      reopenedAt: new Date().toISOString(),
    });
    setTimeout(() => void project(stores), 100);
    const res = await request(app)
      .get(`/hospitals/h1/wards/${h.wardId}/beds?status=free`)
      .set('Authorization', `Bearer ${nurse}`)
      .set('X-Consistency-Token', String(reopened.position))
      .expect(200);
    expect(res.body.items.map((b: { bedId: string }) => b.bedId)).to.deep.equal([h.bedIds[1]]);
  });

  it('serves 32 nurses reading one bed board at once: each read records its access on PostgreSQL, none fails', async () => {
    // Found by the benchmark: since the board shows names, every read appends to the patient's
    // access log; racing readers met WrongExpectedVersion and ran out of retries (500).
    // Without the query cache, so no later test of this suite is served this board from Redis.
    const { cache: _shared, ...uncached } = stores;
    const app = createReadApp({ ...uncached, auth: auth.auth });
    const path = `/hospitals/h1/wards/${h.wardId}/beds`;
    const answers = await Promise.all(
      Array.from({ length: 32 }, () => request(app).get(path).set('Authorization', `Bearer ${nurse}`)),
    );
    expect(answers.map((res) => res.status)).to.deep.equal(answers.map(() => 200));
  });

  it('names the first altered revision after a row is rewritten in PostgreSQL', async () => {
    const app = createReadApp({ ...stores, auth: auth.auth });
    const stream = `stay-h1.${h.adaStay}`;
    const path = `/hospitals/h1/audit/streams/${stream}/verification`;
    const ok = await request(app).get(path).set('Authorization', `Bearer ${auditor}`).expect(200);
    expect(ok.body.ok).to.equal(true);
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    try {
      const res = await client.query(
        // Still valid data (projectors keep working), but not what was hashed.
        `UPDATE "${unique}".events SET data = (data::jsonb || '{"admittedAt":"2020-01-01T00:00:00.000Z"}')::text WHERE stream_id = $1 AND revision = 1`,
        [stream],
      );
      expect(res.rowCount).to.equal(1);
    } finally {
      await client.end();
    }
    const bad = await request(app).get(path).set('Authorization', `Bearer ${auditor}`).expect(200);
    expect(bad.body).to.deep.include({ ok: false, firstBadRevision: 1, reason: 'altered' });
  });

  describe('with its Redis stopped mid-test (a private redis-server)', () => {
    let redis: ThrowawayRedis;
    before(async () => {
      redis = await startThrowawayRedis();
    });
    after(() => redis?.destroy());

    it('keeps serving reads from MongoDB and counts the cache as unavailable', async () => {
      const privateCache = await openRedisCache(redis.url);
      try {
        const counters = new QueryCacheCounters();
        const metrics = createMetricsRegistry({ defaultMetrics: false });
        const app = createReadApp({
          ...stores,
          cache: privateCache,
          auth: auth.auth,
          cacheCounters: counters,
          metrics,
          readinessTimeoutMs: 1000,
        });
        const get = () => request(app).get('/hospitals/h1/census').set('Authorization', `Bearer ${nurse}`);
        await get().expect(200);
        await get().expect(200);
        expect(counters.hits).to.equal(1);
        await redis.kill();
        const res = await get().expect(200);
        expect(res.body.wards).to.have.length(1);
        expect(counters.unavailable).to.be.at.least(1);
        // Still ready (reads come from MongoDB), with the cache named as degraded and gauged down.
        const ready = await request(app).get('/readyz').expect(200);
        expect(ready.body).to.deep.include({ degraded: ['cache'] });
        const scraped = (await request(app).get('/metrics').expect(200)).text;
        expect(scraped).to.match(/chartline_cache_requests_total\{view="[a-z_]+",result="error"\} [1-9]/);
        expect(scraped).to.include('chartline_ready{service="read-api",dependency="cache"} 0');
      } finally {
        await privateCache.close();
      }
    });
  });

  describe('with its MongoDB-wire server stopped (a private FerretDB)', () => {
    let binary: string | undefined;
    let ferret: ChildProcess;
    let port: number;
    let dataDir: string;
    let privateStore: MongoReadStore;
    before(async function () {
      binary = ferretDbBinary();
      if (!binary) {
        console.log('      skipped: no FerretDB binary (scripts/services.sh builds it)');
        this.skip();
      }
      port = await freePort();
      dataDir = mkdtempSync(join(tmpdir(), 'readapi-ferret-'));
      ferret = await startFerretDb(binary!, port, dataDir);
      privateStore = await openMongoReadStore(`mongodb://127.0.0.1:${port}/`, {
        database: 'readapi',
        serverSelectionTimeoutMs: 1000,
      });
      await project({ ...stores, readStore: privateStore, cache: undefined } as Stores);
    });
    after(async () => {
      await privateStore?.close().catch(() => {});
      if (ferret) await killProcess(ferret);
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    });

    it('answers 503 with Retry-After while it is down, and recovers without a restart', async () => {
      const app = createReadApp({ ...stores, readStore: privateStore, auth: auth.auth });
      const get = (path = '/hospitals/h1/census') => request(app).get(path).set('Authorization', `Bearer ${nurse}`);
      await get().expect(200);
      await killProcess(ferret);
      // What Redis already holds is still served; anything else needs the read store.
      await get().expect(200);
      const down = await get(`/hospitals/h1/wards/${h.wardId}/beds`);
      expect(down.status).to.equal(503);
      expect(down.headers['retry-after']).to.match(/^\d+$/);
      expect(down.headers['content-type']).to.match(/problem\+json/);
      const unready = await request(app).get('/readyz').expect(503);
      expect(unready.body.failing).to.deep.equal(['read-store']);
      ferret = await startFerretDb(binary!, port, dataDir);
      const deadline = Date.now() + 15_000;
      let status = 0;
      while (Date.now() < deadline) {
        status = (await get(`/hospitals/h1/wards/${h.wardId}/beds`)).status;
        if (status === 200) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(status).to.equal(200);
      await request(app).get('/readyz').expect(200);
    });
  });
});
