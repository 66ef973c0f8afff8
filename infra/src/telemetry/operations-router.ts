import { Router } from 'express';
import type { Registry } from 'prom-client';
import { metricsHandler } from './metrics.js';
import { livenessHandler, type ReadinessChecks, readinessHandler } from './readiness.js';

export interface OperationsRoutesOptions {
  readonly service: string;
  readonly registry: Registry;
  readonly checks: ReadinessChecks;
  readonly timeoutMs?: number;
}

/** `/healthz`, `/readyz` and `/metrics` for any process: mount it first, before auth. */
export function operationsRouter(options: OperationsRoutesOptions): Router {
  const router = Router();
  router.get('/healthz', livenessHandler);
  router.get(
    '/readyz',
    readinessHandler(options.checks, {
      service: options.service,
      registry: options.registry,
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    }),
  );
  router.get('/metrics', metricsHandler(options.registry));
  return router;
}
