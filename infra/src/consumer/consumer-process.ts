import type { Registry } from 'prom-client';
import { startProbeServer } from '../process/probe-server.js';
import type { ReadinessChecks } from '../telemetry/readiness.js';
import { type Backoff, retryLoop } from './retry-loop.js';
import { type ProgressSource, stallCheck } from './stall.js';

type LogFn = (fields: Record<string, unknown>, message: string) => void;

export interface ConsumerLog {
  readonly info: LogFn;
  readonly warn: LogFn;
  readonly error: LogFn;
}

/** What every adapter a consumer opens can do: answer a ping (for /readyz) and close. */
export interface Pingable {
  ping(): Promise<boolean>;
  close(): Promise<unknown>;
}

/** A server the consumer needs: opened in the background (and again until it answers), pinged for /readyz. */
export interface ConsumerDependency<T extends Pingable> {
  /** How /readyz and `chartline_ready{dependency}` name it (`kafka`, `event-store`, …). */
  readonly check: string;
  open(): Promise<T> | T;
}

export interface ConsumerProcessOptions<D extends Record<string, Pingable>, R extends { stop(): Promise<void> }> {
  /** How its log lines name it: `<kind> running`, `<kind> consuming`, `<kind> cannot start`. */
  readonly kind: string;
  /** `service` label of `chartline_ready` (`projector-admissions`). */
  readonly service: string;
  readonly port: number;
  readonly host?: string;
  readonly log: ConsumerLog;
  readonly registry: Registry;
  readonly dependencies: { readonly [K in keyof D]: ConsumerDependency<D[K]> };
  /** Joins the consumer group with the opened dependencies; `signal` aborts a join still waiting. */
  start(opened: D, signal: AbortSignal): Promise<R>;
  /** Fields for the `<kind> running` and `<kind> consuming` lines (ids and names, never PHI). */
  readonly fields?: Record<string, unknown>;
  /** More fields for the `<kind> consuming` line, from the started consumer (its topics). */
  readonly consumingFields?: (runtime: R) => Record<string, unknown>;
  readonly openBackoff?: Backoff;
  /**
   * A started consumer that has lag and has committed nothing for this long answers not ready
   * (`consumer` in /readyz), as does one out of its group; default 60 s (CONSUMER_STALL_SECONDS).
   */
  readonly stallAfterMs?: number;
  /** Called when starting fails for a reason that waiting will not cure. Default: exit 1. */
  readonly exit?: (code: number) => void;
}

export interface RunningConsumer {
  /** Resolves once consuming (or stopped, or given up). */
  readonly started: Promise<void>;
  stop(): Promise<void>;
}

/**
 * The lifecycle a consumer process (projector, process manager) shares. Probes first: /healthz,
 * /readyz and /metrics answer from the first moment, with /readyz naming each dependency that does
 * not answer yet and `consumer` until the group is joined. Then, in the background, every
 * dependency is opened — one that is away (PostgreSQL down, Kafka not yet up: Kubernetes starts
 * pods in any order) is opened again with capped exponential backoff, logged as `retrying` — and
 * the consumer started. Only a failure that waiting will not cure (a bug, a wrong password) exits 1,
 * as a failed start does, so it is restarted and seen. `stop` (SIGTERM through `runProcess`)
 * abandons any wait, stops the consumer (which commits what it finished), closes the probes, then
 * the dependencies.
 */
export async function runConsumerProcess<D extends Record<string, Pingable>, R extends { stop(): Promise<void> }>(
  options: ConsumerProcessOptions<D, R>,
): Promise<RunningConsumer> {
  const { log } = options;
  const names = Object.keys(options.dependencies) as (keyof D & string)[];
  const opened: Partial<D> = {};
  const stopping = new AbortController();
  const loop = retryLoop({
    signal: stopping.signal,
    ...(options.openBackoff && { backoff: options.openBackoff }),
    onRetry: (error, attempt) =>
      log.warn(
        { attempt, transient: true, errorName: error instanceof Error ? error.name : 'unknown', err: error },
        'retrying',
      ),
  });
  let runtime: R | undefined;

  const checks: Record<string, () => Promise<boolean>> = {};
  for (const name of names) {
    const dependency = options.dependencies[name];
    checks[dependency.check] = async () => (await opened[name]?.ping()) === true;
  }
  // Joined is not enough: after a Kafka restart a projector stayed joined-and-ready while it applied
  // the same batch over and over and committed nothing (the chaos suite's stall).
  let moving: (() => Promise<boolean>) | undefined;
  checks['consumer'] = async () => runtime !== undefined && (moving ? await moving() : true);
  const probes = await startProbeServer({
    port: options.port,
    ...(options.host !== undefined && { host: options.host }),
    service: options.service,
    checks: checks as ReadinessChecks,
    registry: options.registry,
  });

  const openAll = async () => {
    await Promise.all(
      names.map(async (name) => {
        const value = await loop.untilDone(async () => options.dependencies[name].open());
        opened[name] = value;
      }),
    );
    return opened as D;
  };

  const started = openAll()
    .then((all) => {
      loop.throwIfStopping(undefined);
      return options.start(all, stopping.signal);
    })
    .then(
      (r) => {
        runtime = r;
        if (isProgressSource(r)) moving = stallCheck(r, options.stallAfterMs ?? 60_000);
        log.info({ ...options.fields, ...options.consumingFields?.(r) }, `${options.kind} consuming`);
      },
      (error: unknown) => {
        if (stopping.signal.aborted) return;
        log.error({ errorName: error instanceof Error ? error.name : 'unknown' }, `${options.kind} cannot start`);
        (options.exit ?? ((code) => process.exit(code)))(1);
      },
    );
  log.info({ port: probes.port, ...options.fields }, `${options.kind} running`);

  return {
    started,
    async stop() {
      stopping.abort();
      await started;
      await runtime?.stop();
      await probes.close();
      await Promise.allSettled(names.map((name) => opened[name]?.close()));
    },
  };
}

const isProgressSource = (runtime: object): runtime is ProgressSource =>
  typeof (runtime as Partial<ProgressSource>).progress === 'function' &&
  typeof (runtime as Partial<ProgressSource>).lag === 'function';
