import { badRequest, HttpProblem } from '@chartline/infra';
import { hospitalStreamPrefixes } from './hospital-streams.js';
import type { ReadDeps } from './route.js';

/** Collection where projectors record, per module and hospital, the last position applied. */
export const PROJECTOR_POSITIONS = 'projector_positions';

export interface ConsistencyOptions {
  /** How long a read may wait for the views (default 5000 ms). */
  readonly timeoutMs: number;
  /**
   * How often it looks again (default 50 ms; 250 ms when `signals` wake it, as a fallback for an
   * announcement lost while Redis reconnected).
   */
  readonly pollMs: number;
  /** Projectors' announcements (through the cache's pub/sub): a waiting read looks again as one arrives. */
  readonly signals?: ProjectionSignals;
}

/**
 * Waiters for projector announcements, by hospital and module. A waiter is registered before the
 * read checks the views, so an announcement arriving between the check and the wait is not missed.
 */
export class ProjectionSignals {
  private readonly waiters = new Map<string, Set<() => void>>();

  /** Feed: call for every announcement (`cache.onAnnouncement`). */
  readonly notify = (announcement: { hospitalId: string; module: string }): void => {
    const key = `${announcement.hospitalId}\u0000${announcement.module}`;
    const waiting = this.waiters.get(key);
    if (!waiting) return;
    this.waiters.delete(key);
    for (const wake of waiting) wake();
  };

  /** Resolves at the next announcement for (hospital, module), or after `ms`; `cancel` drops the waiter. */
  next(hospitalId: string, module: string, ms: number): { readonly woken: Promise<void>; cancel(): void } {
    const key = `${hospitalId}\u0000${module}`;
    let wake: () => void = () => {};
    const woken = new Promise<void>((resolve) => {
      wake = resolve;
    });
    const timer = setTimeout(() => wake(), ms);
    const done = () => {
      clearTimeout(timer);
      wake();
    };
    let waiting = this.waiters.get(key);
    if (!waiting) {
      waiting = new Set();
      this.waiters.set(key, waiting);
    }
    waiting.add(done);
    const cancel = () => {
      clearTimeout(timer);
      const set = this.waiters.get(key);
      set?.delete(done);
      if (set?.size === 0) this.waiters.delete(key);
    };
    return { woken: woken.then(cancel), cancel };
  }
}

/** Without signals: a timer only. */
function timerOnly(ms: number): { readonly woken: Promise<void>; cancel(): void } {
  let timer: NodeJS.Timeout | undefined;
  const woken = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return { woken, cancel: () => clearTimeout(timer) };
}

/**
 * Has module `module`'s projector applied everything of `hospitalId` up to `token`? A projector's
 * position only moves on its own module's events of that hospital, so a token written by another
 * module may lie beyond it forever; the views are then still current when the event store holds
 * no event of this module and hospital between the recorded position and the token.
 */
async function caughtUp(deps: ReadDeps, module: string, hospitalId: string, token: number): Promise<boolean> {
  const doc = await deps.readStore.collection(PROJECTOR_POSITIONS).findOne({ _id: `${module}:${hospitalId}` });
  const position = typeof doc?.['position'] === 'number' ? doc['position'] : 0;
  if (position >= token) return true;
  const [next] = await deps.eventStore.readAll({
    after: position,
    filter: { streamPrefixes: hospitalStreamPrefixes(hospitalId), eventTypePrefixes: [`${module}.`] },
    maxCount: 1,
  });
  return next === undefined || next.position > token;
}

/**
 * A token beyond the event store's head is refused (400). Otherwise waits, bounded, until the hospital's views of every module reach the consistency token. On
 * timeout the answer is 503 with Retry-After (never stale data presented as fresh): the client
 * asked to read its own write, and a stale 200 would silently break that promise.
 */
export async function waitForViews(
  deps: ReadDeps,
  hospitalId: string,
  modules: readonly string[],
  token: number,
  options: ConsistencyOptions,
  /** Where the token came from, for the field error. */
  field = 'header.x-consistency-token',
): Promise<void> {
  // A position the store has not reached was never returned by a command: no wait could end it,
  // and "caught up" would be a lie (nothing lies between the views and a position beyond the head).
  const head = await deps.eventStore.headPosition();
  if (token > head) {
    throw badRequest(
      'consistency-token-beyond-head',
      `The consistency token is beyond the event store's last position (${head}): send a position a command of this system returned.`,
      [{ field, message: `Must be at most ${head}, the last position written` }],
    );
  }
  const deadline = Date.now() + options.timeoutMs;
  for (const module of modules) {
    for (;;) {
      const wait = options.signals
        ? options.signals.next(hospitalId, module, options.pollMs)
        : timerOnly(options.pollMs);
      if (
        await caughtUp(deps, module, hospitalId, token).catch((error: unknown) => {
          wait.cancel();
          throw error;
        })
      ) {
        wait.cancel();
        break;
      }
      if (Date.now() >= deadline) {
        wait.cancel();
        throw new HttpProblem(
          503,
          'views-behind',
          'Service unavailable',
          'The read models have not reached the consistency token yet; retry shortly.',
          {},
          { 'Retry-After': '1' },
        );
      }
      await wait.woken;
    }
  }
}
