import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'chai';
import express from 'express';
import request from 'supertest';
import { openRedisCache, type RedisCache } from '../cache/redis/cache.js';
import { PostgresEventStore } from '../eventstore/postgres/postgres-event-store.js';
import { postgresBinDir, startThrowawayPostgres, type ThrowawayPostgres } from '../testing/throwaway-postgres.js';
import { redisServerInstalled, startThrowawayRedis, type ThrowawayRedis } from '../testing/throwaway-redis.js';
import { createMetricsRegistry } from './metrics.js';
import { operationsRouter } from './operations-router.js';

/**
 * /readyz against real servers that stop and come back: a private PostgreSQL cluster as the event
 * store and a private redis-server as a second dependency (standing in for Kafka, whose private
 * broker is too heavy for this box: the mechanism is the same ping-with-timeout).
 */
describe('readiness with real dependencies stopping and restarting', function () {
  this.timeout(120_000);
  let postgres: ThrowawayPostgres;
  let store: PostgresEventStore;
  let redis: ThrowawayRedis;
  let cache: RedisCache;
  const registry = createMetricsRegistry({ defaultMetrics: false });
  let app: express.Express;

  before(async function () {
    if (!postgresBinDir()) {
      console.log(
        '      skipped: PostgreSQL server binaries (initdb, pg_ctl) are not installed under /usr/lib/postgresql',
      );
      this.skip();
    }
    if (!(await redisServerInstalled())) {
      console.log('      skipped: redis-server is not installed');
      this.skip();
    }
    postgres = await startThrowawayPostgres();
    store = await PostgresEventStore.open({ url: postgres.url, schema: 'readiness' });
    redis = await startThrowawayRedis();
    cache = await openRedisCache(redis.url);
    app = express().use(
      operationsRouter({
        service: 'projector',
        registry,
        checks: { 'event-store': () => store.ping(), cache: () => cache.ping() },
        timeoutMs: 1_500,
      }),
    );
  });

  after(async () => {
    await cache?.close().catch(() => undefined);
    await store?.close().catch(() => undefined);
    await redis?.destroy();
    await postgres?.destroy();
  });

  const readyz = () => request(app).get('/readyz');
  async function until(status: number, ms = 30_000) {
    const deadline = Date.now() + ms;
    for (;;) {
      const res = await readyz();
      if (res.status === status) return res;
      if (Date.now() > deadline) throw new Error(`/readyz stayed ${res.status}: ${res.text}`);
      await sleep(250);
    }
  }

  it('is ready, not ready while the event store is stopped (naming it, no URL), ready again when it returns', async () => {
    await until(200);
    await postgres.stop('fast');
    const down = await until(503);
    expect(down.body.failing).to.deep.equal(['event-store']);
    expect(down.body.checks).to.deep.equal({ 'event-store': 'down', cache: 'up' });
    expect(down.text).not.to.include('postgres://').and.not.to.include(String(postgres.port));
    expect(await registry.metrics()).to.include('chartline_ready{service="projector",dependency="event-store"} 0');
    await request(app).get('/healthz').expect(200);
    await postgres.start();
    await until(200);
    expect(await registry.metrics()).to.include('chartline_ready{service="projector",dependency="event-store"} 1');
  });

  it('is not ready while Redis is killed, ready again when it is restarted', async () => {
    await redis.kill();
    const down = await until(503);
    expect(down.body.failing).to.deep.equal(['cache']);
    await redis.start();
    await until(200);
  });
});
