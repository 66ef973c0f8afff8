import type { Request, RequestHandler } from 'express';
import type { Registry } from 'prom-client';
import { counterOn, histogramOn, LATENCY_BUCKETS, secondsSince } from './metrics.js';

/** Probes and scrapes are not traffic: counting them would dilute the 5xx ratio (a 503 /readyz is not an error). */
export const OPERATIONS_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * The route template (`/hospitals/:hospitalId/patients/register-patient`), never the URL: ids in
 * label values would make a series per patient, and a query string may hold a name.
 */
export function routeOf(req: Request): string {
  const path = (req.route as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' ? `${req.baseUrl}${path}` : 'unmatched';
}

/** `http_requests_total` and `http_request_duration_seconds` by service, route, method and status. */
export function httpMetrics(registry: Registry, service: string): RequestHandler {
  const labelNames = ['service', 'route', 'method', 'status'] as const;
  const requests = counterOn(registry, { name: 'http_requests_total', help: 'HTTP requests served', labelNames });
  const duration = histogramOn(registry, {
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency, from the first byte read to the last byte written',
    labelNames,
    buckets: LATENCY_BUCKETS,
  });
  return (req, res, next) => {
    if (OPERATIONS_PATHS.has(req.path)) return next();
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const labels = { service, route: routeOf(req), method: req.method, status: String(res.statusCode) };
      requests.inc(labels);
      // A server-sent event stream stays open for minutes by design: its length is not latency,
      // and one observation of 300 s would swamp a service-wide quantile.
      if (!String(res.getHeader('content-type') ?? '').startsWith('text/event-stream')) {
        duration.observe(labels, secondsSince(started));
      }
    });
    next();
  };
}
