import { expect } from 'chai';
import express from 'express';
import request from 'supertest';
import { createMetricsRegistry } from './metrics.js';
import { operationsRouter } from './operations-router.js';
import { readinessHandler } from './readiness.js';

describe('readiness and liveness', () => {
  function app(checks: Record<string, () => Promise<boolean>>) {
    const registry = createMetricsRegistry({ defaultMetrics: false });
    const a = express();
    a.use(operationsRouter({ service: 'relay', registry, checks, timeoutMs: 50 }));
    return { a, registry };
  }

  it('is ready when every dependency answers, and says so per dependency', async () => {
    const { a, registry } = app({ 'event-store': async () => true, kafka: async () => true });
    const res = await request(a).get('/readyz').expect(200);
    expect(res.body).to.deep.equal({ status: 'ready', checks: { 'event-store': 'up', kafka: 'up' } });
    const metrics = await registry.metrics();
    expect(metrics).to.include('chartline_ready{service="relay",dependency="kafka"} 1');
  });

  it('is not ready (503, Retry-After) naming a dependency that is down, throws, or is too slow', async () => {
    const { a, registry } = app({
      'event-store': async () => false,
      kafka: () => new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 500)),
      'read-store': async () => {
        throw new Error('connect ECONNREFUSED postgres://user:secret@db:5432');
      },
      cache: async () => true,
    });
    const res = await request(a).get('/readyz').expect(503);
    expect(res.headers['retry-after']).to.equal('5');
    expect(res.body.checks).to.deep.equal({
      'event-store': 'down',
      kafka: 'timeout',
      'read-store': 'down',
      cache: 'up',
    });
    expect(res.body.failing).to.deep.equal(['event-store', 'kafka', 'read-store']);
    expect(res.text).not.to.include('secret').and.not.to.include('postgres://');
    const metrics = await registry.metrics();
    expect(metrics).to.include('chartline_ready{service="relay",dependency="event-store"} 0');
    expect(metrics).to.include('chartline_ready{service="relay",dependency="cache"} 1');
  });

  it('stays ready when only a non-blocking dependency is down, naming it as degraded', async () => {
    const registry = createMetricsRegistry({ defaultMetrics: false });
    const checks = { 'read-store': async () => true, cache: async () => false };
    const a = express().get(
      '/readyz',
      readinessHandler(checks, { registry, service: 'read-api', nonBlocking: ['cache'] }),
    );
    const res = await request(a).get('/readyz').expect(200);
    expect(res.body).to.deep.equal({
      status: 'ready',
      checks: { 'read-store': 'up', cache: 'down' },
      degraded: ['cache'],
    });
    expect(await registry.metrics()).to.include('chartline_ready{service="read-api",dependency="cache"} 0');

    const blocked = express().get(
      '/readyz',
      readinessHandler({ ...checks, 'read-store': async () => false }, { nonBlocking: ['cache'] }),
    );
    const down = await request(blocked).get('/readyz').expect(503);
    expect(down.body).to.deep.include({ failing: ['read-store'], degraded: ['cache'] });
  });

  it('is alive without asking any dependency', async () => {
    let asked = 0;
    const { a } = app({
      kafka: async () => {
        asked++;
        return false;
      },
    });
    await request(a).get('/healthz').expect(200, { status: 'ok' });
    expect(asked).to.equal(0);
  });

  it('serves Prometheus text with process metrics', async () => {
    const registry = createMetricsRegistry();
    const a = express().use(operationsRouter({ service: 'x', registry, checks: {} }));
    const res = await request(a).get('/metrics').expect(200);
    expect(res.headers['content-type']).to.include('text/plain');
    expect(res.text).to.include('process_cpu_user_seconds_total');
  });
});
