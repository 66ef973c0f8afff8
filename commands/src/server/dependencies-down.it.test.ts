import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, Socket } from 'node:net';
import {
  createMemoryKeyStore,
  MemoryEventStore,
  openRedisIdempotencyStore,
  PostgresEventStore,
  postgresBinDir,
  startThrowawayPostgres,
  type ThrowawayPostgres,
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
    let redis: ChildProcess | undefined;
    let port: number;
    const startRedis = async () => {
      redis = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        {
          stdio: 'ignore',
        },
      );
      await waitForPort(port);
    };
    before(async function () {
      if (!(await hasRedisServer())) {
        console.log('      skipped: redis-server is not installed');
        this.skip();
      }
      port = await freePort();
      await startRedis();
    });
    after(() => {
      if (redis && redis.exitCode === null) redis.kill('SIGKILL');
    });

    it('503 with Retry-After and nothing appended while it is down; works again when it is back', async () => {
      const h = await commandHarness({
        eventStore: new MemoryEventStore(),
        keyStore: createMemoryKeyStore(),
        idempotency: await openRedisIdempotencyStore(`redis://127.0.0.1:${port}`),
      });
      expect((await post(h, 'b1', 'k1')).status).to.equal(201);
      redis!.kill('SIGKILL');
      await once(redis!, 'exit');
      expect503(await post(h, 'b2', 'k2'));
      expect(await h.eventStore.readAll()).to.have.length(1);
      const unready = await request(h.app).get('/readyz');
      expect(unready.status).to.equal(503);
      expect(unready.body.failing).to.deep.equal(['idempotency-store']);
      await startRedis();
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

async function hasRedisServer(): Promise<boolean> {
  const child = spawn('redis-server', ['--version'], { stdio: 'ignore' });
  const [code] = (await once(child, 'exit').catch(() => [1])) as [number | null];
  return code === 0;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = new Socket();
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
      socket.connect(port, '127.0.0.1');
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nothing listens on port ${port}`);
}
