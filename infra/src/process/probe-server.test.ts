import { expect } from 'chai';
import { createMetricsRegistry } from '../telemetry/metrics.js';
import { startProbeServer } from './probe-server.js';
import type { HttpService } from './serve-http.js';

describe('probe server (relay and projector /healthz, /readyz, /metrics)', () => {
  const servers: HttpService[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close(100)));
  });

  async function probes(checks: Record<string, () => Promise<boolean>>, nonBlocking?: readonly string[]) {
    const registry = createMetricsRegistry({ defaultMetrics: false });
    const server = await startProbeServer({
      port: 0,
      service: 'relay',
      checks,
      registry,
      timeoutMs: 50,
      ...(nonBlocking ? { nonBlocking } : {}),
    });
    servers.push(server);
    return { get: (path: string) => fetch(`http://127.0.0.1:${server.port}${path}`), registry };
  }

  it('binds the interface it is given (HOST), and all of them by default', async () => {
    const registry = createMetricsRegistry({ defaultMetrics: false });
    const local = await startProbeServer({ port: 0, host: '127.0.0.1', service: 'relay', checks: {}, registry });
    const all = await startProbeServer({ port: 0, service: 'relay', checks: {}, registry });
    servers.push(local, all);
    expect(local.server.address()).to.include({ address: '127.0.0.1' });
    expect((all.server.address() as { address: string }).address).to.be.oneOf(['::', '0.0.0.0']);
  });

  it('answers 200 naming each dependency up when every check answers', async () => {
    const { get, registry } = await probes({ 'event-store': async () => true, kafka: async () => true });
    const res = await get('/readyz');
    expect(res.status).to.equal(200);
    expect(res.headers.get('retry-after')).to.equal(null);
    expect(await res.json()).to.deep.equal({ status: 'ready', checks: { 'event-store': 'up', kafka: 'up' } });
    expect(await registry.metrics()).to.include('chartline_ready{service="relay",dependency="kafka"} 1');
  });

  it('answers 503 with Retry-After naming the failing dependency, never its URL', async () => {
    const { get, registry } = await probes({
      'event-store': async () => {
        throw new Error('connect ECONNREFUSED postgres://relay:secret@db.internal:5432/events');
      },
      kafka: async () => true,
    });
    const res = await get('/readyz');
    expect(res.status).to.equal(503);
    expect(res.headers.get('retry-after')).to.equal('5');
    expect(res.headers.get('content-type')).to.equal('application/json');
    const text = await res.text();
    expect(JSON.parse(text)).to.deep.equal({
      status: 'not ready',
      checks: { 'event-store': 'down', kafka: 'up' },
      failing: ['event-store'],
    });
    expect(text).not.to.include('postgres://').and.not.to.include('secret').and.not.to.include('db.internal');
    expect(await registry.metrics()).to.include('chartline_ready{service="relay",dependency="event-store"} 0');
    // Liveness asks nothing: the process is alive though its store is not.
    expect((await get('/healthz')).status).to.equal(200);
  });

  it('counts a check slower than the timeout as failing', async () => {
    const { get } = await probes({ kafka: () => new Promise((resolve) => setTimeout(() => resolve(true), 500)) });
    const res = await get('/readyz');
    expect(res.status).to.equal(503);
    expect(await res.json()).to.deep.include({ checks: { kafka: 'timeout' }, failing: ['kafka'] });
  });

  it('stays ready with a non-blocking check down, listing it as degraded', async () => {
    const { get } = await probes({ kafka: async () => true, cache: async () => false }, ['cache']);
    const res = await get('/readyz');
    expect(res.status).to.equal(200);
    expect(await res.json()).to.deep.equal({
      status: 'ready',
      checks: { kafka: 'up', cache: 'down' },
      degraded: ['cache'],
    });
  });

  it('serves the registry on /metrics, 404 elsewhere and 405 for anything but GET', async () => {
    const { get } = await probes({});
    const metrics = await get('/metrics');
    expect(metrics.status).to.equal(200);
    expect(metrics.headers.get('content-type')).to.include('text/plain');
    expect((await get('/nowhere')).status).to.equal(404);
    const server = servers[0];
    const post = await fetch(`http://127.0.0.1:${server?.port}/readyz`, { method: 'POST' });
    expect(post.status).to.equal(405);
  });
});
