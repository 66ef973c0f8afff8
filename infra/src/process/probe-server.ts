import { type Registry, register } from 'prom-client';
import { type ReadinessChecks, readinessAnswer, readinessProbe } from '../telemetry/readiness.js';
import { type HttpService, serveHttp } from './serve-http.js';

export interface ProbeOptions {
  readonly port: number;
  /** Interface to bind; default all. */
  readonly host?: string;
  /** `service` label of `chartline_ready{service,dependency}` (`relay`, `projector-admissions`). */
  readonly service: string;
  /** Per dependency, named as operators know it (`event-store`, `kafka`, …), a ping. */
  readonly checks: ReadinessChecks;
  /** Checks reported (under `degraded`) and gauged that do not make the process unready. */
  readonly nonBlocking?: readonly string[];
  /** A ping that takes longer counts as down. Default 2000 ms. */
  readonly timeoutMs?: number;
  /** The process's metrics registry (`createMetricsRegistry`); default prom-client's global one. */
  readonly registry?: Registry;
}

/**
 * /healthz, /readyz and /metrics for the processes that serve no HTTP of their own (relay and
 * projector): Kubernetes probes them and Prometheus scrapes them. /healthz only says the event
 * loop turns; /readyz asks the process's dependencies and answers exactly as the APIs' /readyz
 * does (same probe, same body), so an operator reads every process the same way.
 */
export function startProbeServer(options: ProbeOptions): Promise<HttpService> {
  const registry = options.registry ?? register;
  const readiness = readinessProbe(options.checks, {
    registry,
    service: options.service,
    ...(options.nonBlocking === undefined ? {} : { nonBlocking: options.nonBlocking }),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  });
  return serveHttp(
    async (req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      if (req.method !== 'GET') {
        res.writeHead(405, { Allow: 'GET' }).end();
        return;
      }
      if (path === '/healthz') {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end('{"status":"ok"}');
        return;
      }
      if (path === '/readyz') {
        const answer = readinessAnswer(await readiness());
        res
          .writeHead(answer.status, { 'Content-Type': 'application/json', ...answer.headers })
          .end(JSON.stringify(answer.body));
        return;
      }
      if (path === '/metrics') {
        res.writeHead(200, { 'Content-Type': registry.contentType }).end(await registry.metrics());
        return;
      }
      res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"status":"not found"}');
    },
    options.port,
    options.host,
  );
}
