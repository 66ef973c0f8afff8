import { type Registry, register } from 'prom-client';
import { type HttpService, serveHttp } from './serve-http.js';

export interface ProbeOptions {
  readonly port: number;
  /** Whether the process can do its work now (its stores answer); false → 503 on /readyz. */
  readonly ready: () => Promise<boolean>;
  /** The process's metrics registry (`createMetricsRegistry`); default prom-client's global one. */
  readonly registry?: Registry;
}

/**
 * /healthz, /readyz and /metrics for the processes that serve no HTTP of their own (relay and
 * projector): Kubernetes probes them and Prometheus scrapes them. /healthz only says the event
 * loop turns; /readyz asks the process's dependencies.
 */
export function startProbeServer(options: ProbeOptions): Promise<HttpService> {
  return serveHttp(async (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET') {
      res.writeHead(405, { Allow: 'GET' }).end();
      return;
    }
    if (path === '/healthz') {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"status":"ok"}');
      return;
    }
    if (path === '/readyz') {
      const ready = await options.ready().catch(() => false);
      res
        .writeHead(ready ? 200 : 503, {
          'Content-Type': 'application/json',
          ...(ready ? {} : { 'Retry-After': '5' }),
        })
        .end(JSON.stringify({ status: ready ? 'ready' : 'not ready' }));
      return;
    }
    if (path === '/metrics') {
      const registry = options.registry ?? register;
      res.writeHead(200, { 'Content-Type': registry.contentType }).end(await registry.metrics());
      return;
    }
    res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"status":"not found"}');
  }, options.port);
}
