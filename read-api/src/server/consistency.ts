import { badRequest, HttpProblem } from '@chartline/infra';
import { hospitalStreamPrefixes } from './hospital-streams.js';
import type { ReadDeps } from './route.js';

/** Collection where projectors record, per module and hospital, the last position applied. */
export const PROJECTOR_POSITIONS = 'projector_positions';

export interface ConsistencyOptions {
  /** How long a read may wait for the views (default 5000 ms). */
  readonly timeoutMs: number;
  /** How often it looks again (default 50 ms). */
  readonly pollMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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
    while (!(await caughtUp(deps, module, hospitalId, token))) {
      if (Date.now() >= deadline) {
        throw new HttpProblem(
          503,
          'views-behind',
          'Service unavailable',
          'The read models have not reached the consistency token yet; retry shortly.',
          {},
          { 'Retry-After': '1' },
        );
      }
      await sleep(options.pollMs);
    }
  }
}
