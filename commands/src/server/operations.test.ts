import {
  createMemoryIdempotencyStore,
  createMemoryKeyStore,
  createProcessLogger,
  MemoryEventStore,
} from '@chartline/infra';
import { createMetricsRegistry } from '@chartline/infra/telemetry';
import { logBuffer } from '@chartline/infra/telemetry/testing/log-buffer';
import { expect } from 'chai';
import request from 'supertest';
import { v7 as uuidv7 } from 'uuid';
import { commandHarness } from './testing/harness.js';

/** /readyz, /metrics and request lines of the command API, as Kubernetes, Prometheus and operators see them. */
describe('command API operations endpoints', () => {
  it('is ready when the event, idempotency and key stores answer, and says so in chartline_ready', async () => {
    const metrics = createMetricsRegistry({ defaultMetrics: false });
    const h = await commandHarness({ metrics });
    const res = await request(h.app).get('/readyz').expect(200);
    expect(res.body).to.deep.equal({
      status: 'ready',
      checks: { 'event-store': 'up', 'idempotency-store': 'up', 'key-store': 'up' },
    });
    const text = await metrics.metrics();
    for (const dependency of ['event-store', 'idempotency-store', 'key-store']) {
      expect(text).to.include(`chartline_ready{service="command-api",dependency="${dependency}"} 1`);
    }
  });

  const downCases = [
    {
      dependency: 'event-store',
      harness: () => {
        const eventStore = new MemoryEventStore();
        eventStore.ping = async () => false;
        return { eventStore };
      },
    },
    {
      dependency: 'idempotency-store',
      harness: () => {
        const idempotency = createMemoryIdempotencyStore();
        idempotency.ping = async () => false;
        return { idempotency };
      },
    },
    {
      dependency: 'key-store',
      harness: () => {
        const keyStore = createMemoryKeyStore();
        // A ping that throws (a driver bug) still reads as down, without its message reaching the body.
        keyStore.ping = () => Promise.reject(new Error('connect ECONNREFUSED postgres://u:secret@db'));
        return { keyStore };
      },
    },
  ] as const;
  for (const { dependency, harness } of downCases) {
    it(`is not ready (503, Retry-After) naming the ${dependency} when it is down, and sets its gauge to 0`, async () => {
      const metrics = createMetricsRegistry({ defaultMetrics: false });
      const h = await commandHarness({ ...harness(), metrics });
      const res = await request(h.app).get('/readyz').expect(503);
      expect(res.headers['retry-after']).to.equal('5');
      expect(res.body.failing).to.deep.equal([dependency]);
      expect(res.text).not.to.include('secret');
      expect(await metrics.metrics()).to.include(`chartline_ready{service="command-api",dependency="${dependency}"} 0`);
      expect((await request(h.app).get('/healthz')).status).to.equal(200);
    });
  }

  it('serves /metrics with HTTP, command and append metrics of the registry it was given', async () => {
    const metrics = createMetricsRegistry({ defaultMetrics: false });
    const h = await commandHarness({ metrics });
    await request(h.app)
      .post('/hospitals/h1/wardtest/open-bed')
      .set('Authorization', `Bearer ${await h.token()}`)
      .set('Idempotency-Key', uuidv7())
      .send({ bedId: 'b1' })
      .expect(201);
    const res = await request(h.app).get('/metrics').expect(200);
    expect(res.text).to.include(
      'http_requests_total{service="command-api",route="/hospitals/:hospitalId/wardtest/open-bed",method="POST",status="201"} 1',
    );
    expect(res.text).to.match(/chartline_commands_total\{[^}]*command="open-bed"[^}]*\} 1/);
    expect(res.text).to.include('chartline_append_duration_seconds_count');
  });

  it('logs one line per request (route template and status, never the URL or body), none for probes', async () => {
    const buffer = logBuffer();
    const h = await commandHarness({ requestLog: createProcessLogger('command-api', 'info', buffer.destination) });
    await request(h.app)
      .post('/hospitals/h1/wardtest/open-bed')
      .set('Authorization', `Bearer ${await h.token()}`)
      .set('Idempotency-Key', uuidv7())
      .send({ bedId: 'bed-Marigold' })
      .expect(201);
    await request(h.app).get('/readyz').expect(200);
    await request(h.app).get('/metrics').expect(200);
    expect(buffer.lines).to.have.length(1);
    expect(buffer.lines[0]).to.include({
      service: 'command-api',
      msg: 'request',
      method: 'POST',
      route: '/hospitals/:hospitalId/wardtest/open-bed',
      status: 201,
    });
    expect(buffer.raw[0]).not.to.include('Marigold').and.not.to.include('Bearer');
  });
});
