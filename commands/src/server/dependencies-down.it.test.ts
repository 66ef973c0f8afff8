import {
  createMemoryKeyStore,
  MemoryEventStore,
  openRedisIdempotencyStore,
  PostgresEventStore,
  postgresBinDir,
  redisServerInstalled,
  startThrowawayPostgres,
  startThrowawayRedis,
  type ThrowawayPostgres,
  type ThrowawayRedis,
} from '@chartline/infra';
import { expect } from 'chai';
import request from 'supertest';
import { commandHarness, type Harness } from './testing/harness.js';

const expect503 = (res: request.Response) => {
  expect(res.status, JSON.stringify(res.body)).to.equal(503);
  expect(res.headers['content-type']).to.match(/^application\/problem\+json/);
  expect(res.headers['retry-after']).to.match(/^\d+$/);
  expect(res.body).to.include({ type: '/problems/service-unavailable' });
};

const post = async (h: Harness, bedId: string, key: string) =>
  request(h.app)
    .post('/hospitals/h1/wardtest/open-bed')
    .set('Authorization', `Bearer ${await h.token()}`)
    .set('Idempotency-Key', key)
    .send({ bedId });

describe('command server: real servers going down', function () {
  this.timeout(120_000);

  describe('PostgreSQL event store stopped', () => {
    let server: ThrowawayPostgres;
    let h: Harness;
    before(async function () {
      if (!postgresBinDir()) {
        console.log('      skipped: PostgreSQL server binaries (initdb, pg_ctl) are not installed');
        this.skip();
      }
      // A private cluster: stopping the shared server would break other suites.
      server = await startThrowawayPostgres();
      h = await commandHarness({ eventStore: await PostgresEventStore.open({ url: server.url, schema: 'cmd_fault' }) });
    });
    after(async () => {
      await h?.eventStore.close().catch(() => undefined);
      await server?.destroy();
    });

    it('503 with Retry-After while it is down; the same Idempotency-Key succeeds once it is back', async () => {
      expect((await post(h, 'b1', 'k1')).status).to.equal(201);
      await server.stop('fast');
      expect503(await post(h, 'b2', 'k2'));
      expect((await request(h.app).get('/readyz')).status).to.equal(503);
      await server.start();
      let res = await post(h, 'b2', 'k2');
      for (let i = 0; i < 50 && res.status === 503; i++) {
        await new Promise((r) => setTimeout(r, 200));
        res = await post(h, 'b2', 'k2');
      }
      expect(res.status).to.equal(201);
      expect((await h.eventStore.readAll()).map((e) => e.streamId)).to.deep.equal(['testbed-h1.b1', 'testbed-h1.b2']);
    });
  });

  describe('Redis (idempotency keys) killed', () => {
    let redis: ThrowawayRedis;
    before(async function () {
      if (!(await redisServerInstalled())) {
        console.log('      skipped: redis-server is not installed');
        this.skip();
      }
      // A private redis-server: killing the shared one would break other suites.
      redis = await startThrowawayRedis();
    });
    after(() => redis?.destroy());

    it('503 with Retry-After and nothing appended while it is down; works again when it is back', async () => {
      const h = await commandHarness({
        eventStore: new MemoryEventStore(),
        keyStore: createMemoryKeyStore(),
        idempotency: await openRedisIdempotencyStore(redis.url),
      });
      expect((await post(h, 'b1', 'k1')).status).to.equal(201);
      await redis.kill();
      expect503(await post(h, 'b2', 'k2'));
      expect(await h.eventStore.readAll()).to.have.length(1);
      const unready = await request(h.app).get('/readyz');
      expect(unready.status).to.equal(503);
      expect(unready.body.failing).to.deep.equal(['idempotency-store']);
      await redis.start();
      let res = await post(h, 'b2', 'k2');
      for (let i = 0; i < 50 && res.status === 503; i++) {
        await new Promise((r) => setTimeout(r, 200));
        res = await post(h, 'b2', 'k2');
      }
      expect(res.status).to.equal(201);
      expect((await request(h.app).get('/readyz')).status).to.equal(200);
      await h.idempotency.close();
    });
  });
});
