import type { RequestHandler } from 'express';
import type { Registry } from 'prom-client';
import { gaugeOn } from './metrics.js';

/** Per dependency (named as operators know it: `event-store`, `kafka`, …), a ping. */
export type ReadinessChecks = Readonly<Record<string, () => Promise<boolean>>>;

export type CheckState = 'up' | 'down' | 'timeout';

export interface ReadinessReport {
  readonly ready: boolean;
  readonly checks: Readonly<Record<string, CheckState>>;
  /** Failing checks that block readiness. */
  readonly failing: readonly string[];
  /** Failing non-blocking checks: the process serves, in a degraded way. */
  readonly degraded: readonly string[];
}

export interface ReadinessOptions {
  /** A ping that takes longer counts as down. Default 2000 ms. */
  readonly timeoutMs?: number;
  /** Sets `chartline_ready{service,dependency}` to 0/1 after each check. */
  readonly registry?: Registry;
  readonly service?: string;
  /**
   * Checks that are asked, reported and gauged but do not make the process unready: a dependency
   * the process works without, only slower (the read API answers from MongoDB when Redis is down).
   */
  readonly nonBlocking?: readonly string[];
}

async function runCheck(check: () => Promise<boolean>, timeoutMs: number): Promise<CheckState> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<CheckState>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    return await Promise.race([
      check().then(
        (ok): CheckState => (ok ? 'up' : 'down'),
        (): CheckState => 'down',
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs every check at once, each bounded by the timeout. */
export function readinessProbe(
  checks: ReadinessChecks,
  options: ReadinessOptions = {},
): () => Promise<ReadinessReport> {
  const timeoutMs = options.timeoutMs ?? 2000;
  const gauge = options.registry
    ? gaugeOn(options.registry, {
        name: 'chartline_ready',
        help: 'Whether a dependency answered the last readiness check (1) or not (0)',
        labelNames: ['service', 'dependency'] as const,
      })
    : undefined;
  const service = options.service ?? 'chartline';
  const nonBlocking = new Set(options.nonBlocking ?? []);
  return async () => {
    const entries = await Promise.all(
      Object.entries(checks).map(async ([name, check]) => [name, await runCheck(check, timeoutMs)] as const),
    );
    for (const [dependency, state] of entries) gauge?.set({ service, dependency }, state === 'up' ? 1 : 0);
    const down = entries.filter(([, state]) => state !== 'up').map(([name]) => name);
    const failing = down.filter((name) => !nonBlocking.has(name));
    return {
      ready: failing.length === 0,
      checks: Object.fromEntries(entries),
      failing,
      degraded: down.filter((name) => nonBlocking.has(name)),
    };
  };
}

/** What /readyz answers for a report, whichever HTTP server serves it (express or the probe server). */
export interface ReadinessAnswer {
  readonly status: 200 | 503;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: {
    readonly status: 'ready' | 'not ready';
    readonly checks: ReadinessReport['checks'];
    readonly failing?: readonly string[];
    readonly degraded?: readonly string[];
  };
}

/**
 * 200 when every blocking dependency answers, else 503 with Retry-After; the body names the
 * dependencies by name only (never their URL or credentials).
 */
export function readinessAnswer(report: ReadinessReport): ReadinessAnswer {
  return {
    status: report.ready ? 200 : 503,
    headers: { 'Cache-Control': 'no-store', ...(report.ready ? {} : { 'Retry-After': '5' }) },
    body: {
      status: report.ready ? 'ready' : 'not ready',
      checks: report.checks,
      ...(report.ready ? {} : { failing: report.failing }),
      ...(report.degraded.length > 0 ? { degraded: report.degraded } : {}),
    },
  };
}

/** GET /readyz on an express app (the command and read APIs); see `readinessAnswer`. */
export function readinessHandler(checks: ReadinessChecks, options: ReadinessOptions = {}): RequestHandler {
  const probe = readinessProbe(checks, options);
  return async (_req, res) => {
    const answer = readinessAnswer(await probe());
    res.set(answer.headers).status(answer.status).json(answer.body);
  };
}

/** GET /healthz: the process is alive if it can answer at all (no dependency is consulted). */
export const livenessHandler: RequestHandler = (_req, res) => {
  res.setHeader('Cache-Control', 'no-store');
  res.json({ status: 'ok' });
};
