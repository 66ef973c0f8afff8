import { backoffMs, isTransient } from './transient.js';

/** Thrown out of a wait or a retry once the consumer is stopping: the work in hand is abandoned. */
export class Stopping extends Error {
  override readonly name = 'Stopping';
}

/** At start a missing topic is waited for like a server that is away: whoever creates it may start later. */
export const startable = (error: unknown): boolean =>
  isTransient(error) || (error instanceof Error && error.name === 'UnknownTopic');

export interface Backoff {
  readonly initialMs: number;
  readonly maxMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { initialMs: 100, maxMs: 10_000 };

export interface RetryLoopOptions {
  readonly backoff?: Backoff;
  /** Aborting it stops the loop: every wait ends at once and the next retry throws `Stopping`. */
  readonly signal?: AbortSignal;
  readonly onRetry?: (error: unknown, attempt: number, transient: boolean) => void;
}

/**
 * How every consumer (projector, process manager) waits: capped exponential backoff with jitter,
 * each retry counted and reported, every wait cut short when the consumer stops. The runtimes keep
 * only what differs between them (what is parked, when) and use this for the rest.
 */
export interface RetryLoop {
  readonly stopping: boolean;
  /** Retries so far (every wait after a failure). */
  readonly retries: number;
  /**
   * Runs `work` until it succeeds, retrying while `retryable` (default: transient) says so; it is
   * told which attempt failed, so a caller that must answer soon can give up after a few.
   */
  untilDone<T>(work: () => Promise<T>, retryable?: (error: unknown, attempt: number) => boolean): Promise<T>;
  /** After a failed attempt: throws `Stopping` if stopping, else counts, reports and waits its backoff. */
  backOff(error: unknown, attempt: number, transient: boolean): Promise<void>;
  /** Throws `Stopping` (with the failure as cause) if the loop is stopping. */
  throwIfStopping(cause: unknown): void;
  stop(): void;
}

export function retryLoop(options: RetryLoopOptions = {}): RetryLoop {
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const sleepers = new Set<() => void>();
  let stopping = false;
  let retries = 0;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      sleepers.add(wake);
    });

  const stop = () => {
    stopping = true;
    for (const wake of [...sleepers]) wake();
  };
  if (options.signal?.aborted) stop();
  options.signal?.addEventListener('abort', stop);

  const loop: RetryLoop = {
    get stopping() {
      return stopping;
    },
    get retries() {
      return retries;
    },
    throwIfStopping(cause) {
      if (stopping) throw new Stopping('stopped while retrying', { cause });
    },
    async backOff(error, attempt, transient) {
      loop.throwIfStopping(error);
      retries++;
      options.onRetry?.(error, attempt, transient);
      await sleep(backoffMs(attempt, backoff.initialMs, backoff.maxMs));
    },
    async untilDone(work, retryable = isTransient) {
      for (let attempt = 1; ; attempt++) {
        try {
          return await work();
        } catch (error) {
          loop.throwIfStopping(error);
          if (!retryable(error, attempt)) throw error;
          await loop.backOff(error, attempt, true);
        }
      }
    },
    stop,
  };
  return loop;
}
