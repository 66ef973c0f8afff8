import { createProcessLogger, LruCache } from '@chartline/infra';
import { createMetricsRegistry } from '@chartline/infra/telemetry';
import { logBuffer } from '@chartline/infra/telemetry/testing/log-buffer';
import { expect } from 'chai';
import request from 'supertest';
import { memoryStores, project, type SeededHospital, type Stores, seedHospital, tokens } from '../testing/hospital.js';
import { createReadApp } from './app.js';

/** /readyz, /metrics and request lines of the read API, as Kubernetes, Prometheus and operators see them. */
describe('read API operations endpoints', () => {
  let stores: Stores;
  let h: SeededHospital;
  let nurse: string;
  const auth = tokens();

  before(async () => {
    stores = { ...memoryStores(), cache: new LruCache() };
    h = await seedHospital(stores, 'h1');
    await project(stores);
    nurse = await auth.mint('nurse', ['h1']);
  });

  it('counts cache lookups per view the answer reads, and HTTP requests under service="read-api"', async () => {
    const metrics = createMetricsRegistry({ defaultMetrics: false });
    const app = createReadApp({ ...stores, cache: new LruCache(), auth: auth.auth, metrics });
    for (let i = 0; i < 3; i++) {
      await request(app).get('/hospitals/h1/census').set('Authorization', `Bearer ${nurse}`).expect(200);
    }
    const text = (await request(app).get('/metrics').expect(200)).text;
    // The census reads three views: each saw one miss, then two hits.
    for (const view of ['wards', 'bed_board', 'stays']) {
      expect(text).to.include(`chartline_cache_requests_total{view="${view}",result="miss"} 1`);
      expect(text).to.include(`chartline_cache_requests_total{view="${view}",result="hit"} 2`);
    }
    expect(text).to.include(
      'http_requests_total{service="read-api",route="/hospitals/:hospitalId/census",method="GET",status="200"} 3',
    );
    expect(text).not.to.include('route="/metrics"');
  });

  it('is ready with the cache down (named degraded), not ready with the event store down (named failing)', async () => {
    const metrics = createMetricsRegistry({ defaultMetrics: false });
    const cache = new LruCache();
    cache.ping = async () => false;
    const ok = createReadApp({ ...stores, cache, auth: auth.auth, metrics });
    const degraded = await request(ok).get('/readyz').expect(200);
    expect(degraded.body).to.deep.equal({
      status: 'ready',
      checks: { 'read-store': 'up', 'event-store': 'up', cache: 'down' },
      degraded: ['cache'],
    });

    const eventStore = Object.assign(Object.create(stores.eventStore), { ping: async () => false });
    const down = createReadApp({ ...stores, eventStore, auth: auth.auth, metrics });
    const res = await request(down).get('/readyz').expect(503);
    expect(res.headers['retry-after']).to.equal('5');
    expect(res.body.failing).to.deep.equal(['event-store']);
    expect(await metrics.metrics()).to.include('chartline_ready{service="read-api",dependency="event-store"} 0');
  });

  it('logs one line per request with the route template, never the URL (a search by name)', async () => {
    const buffer = logBuffer();
    const app = createReadApp({
      ...stores,
      auth: auth.auth,
      requestLog: createProcessLogger('read-api', 'info', buffer.destination),
    });
    await request(app)
      .get('/hospitals/h1/patients/search?name=lovelace')
      .set('Authorization', `Bearer ${nurse}`)
      .expect(200);
    await request(app).get(`/hospitals/h1/patients/${h.ada}`).set('Authorization', `Bearer ${nurse}`).expect(200);
    await request(app).get('/healthz').expect(200);
    expect(buffer.lines.map((l) => [l['route'], l['status']])).to.deep.equal([
      ['/hospitals/:hospitalId/patients/search', 200],
      ['/hospitals/:hospitalId/patients/:patientId', 200],
    ]);
    expect(buffer.raw.join('\n')).not.to.match(/lovelace/i);
    expect(buffer.raw.join('\n')).not.to.include(h.ada);
  });
});
