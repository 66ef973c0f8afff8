/**
 * Each process's default `PORT`, one per kind of process, so that several of them run on one
 * machine (a laptop, the bench, CI) without a clash and a scrape target names its process by port
 * alone: the APIs serve their routes and `/metrics` on theirs, the others only `/healthz`, `/readyz`
 * and `/metrics`. The deploy files (Kubernetes templates, compose, Prometheus targets) use the same
 * numbers; `infra/src/deploy/default-ports.test.ts` checks they agree.
 */
export const DEFAULT_PORTS = {
  'command-api': 8080,
  'read-api': 8081,
  relay: 9464,
  projector: 9465,
  'process-manager': 9466,
  /** The web console's server (assets and the /api proxy); no /metrics. */
  console: 8082,
} as const;
