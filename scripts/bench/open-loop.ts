/**
 * Open-loop load: items are sent on a fixed schedule whatever the server does, and each latency is
 * measured from the item's SCHEDULED send time. A closed-loop client that waits for an answer
 * before sending the next stops sending while the server stalls, and its latencies silently leave
 * out the stall (coordinated omission); measuring from the schedule puts the stall back in.
 *
 * Items in one lane (e.g. one hospital's steps, where a later step needs an earlier one's id) are
 * sent in order: an item whose lane is still busy waits, and that wait counts as latency too.
 */

export interface Clock {
  /** Milliseconds, monotonic. */
  now(): number;
  /** Resolves at (or after) the given now() value. */
  sleepUntil(at: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => performance.now(),
  sleepUntil: (at) => {
    const wait = at - performance.now();
    return wait > 0 ? new Promise((resolve) => setTimeout(resolve, wait)) : Promise.resolve();
  },
};

/** Send offsets (ms from the start) of `count` items at `ratePerSecond`, evenly spaced. */
export function scheduleOffsets(count: number, ratePerSecond: number): number[] {
  if (!(ratePerSecond > 0)) throw new RangeError(`rate must be positive, got ${ratePerSecond}`);
  const interval = 1000 / ratePerSecond;
  return Array.from({ length: count }, (_, i) => i * interval);
}

export interface OpenLoopOptions<T> {
  readonly items: readonly T[];
  readonly ratePerSecond: number;
  /** Items with the same lane are sent one after another, in order. Default: every item its own lane. */
  readonly laneOf?: (item: T, index: number) => string;
  /** Sends one item; resolves when it is answered. A rejection is counted as an error, not a latency. */
  readonly send: (item: T, index: number) => Promise<void>;
  readonly clock?: Clock;
}

export interface OpenLoopResult {
  /** Per answered item: answered − scheduled, ms. */
  readonly latencies: number[];
  readonly errors: number;
  /** First schedule to last answer, ms. */
  readonly millis: number;
  /** The rate actually achieved (answered items over elapsed time): below the target = saturated. */
  readonly achievedPerSecond: number;
}

export async function runOpenLoop<T>(options: OpenLoopOptions<T>): Promise<OpenLoopResult> {
  const clock = options.clock ?? realClock;
  const offsets = scheduleOffsets(options.items.length, options.ratePerSecond);
  const start = clock.now();
  const latencies: number[] = [];
  let errors = 0;
  const laneTail = new Map<string, Promise<void>>();

  const sends = options.items.map((item, index) => {
    const scheduled = start + (offsets[index] ?? 0);
    const lane = options.laneOf ? options.laneOf(item, index) : `#${index}`;
    const previous = laneTail.get(lane) ?? Promise.resolve();
    const done = (async () => {
      await clock.sleepUntil(scheduled);
      await previous;
      try {
        await options.send(item, index);
        latencies.push(clock.now() - scheduled);
      } catch {
        errors++;
      }
    })();
    laneTail.set(lane, done);
    return done;
  });
  await Promise.all(sends);
  const millis = clock.now() - start;
  return {
    latencies,
    errors,
    millis,
    achievedPerSecond: millis > 0 ? Math.round((latencies.length * 1000) / millis) : 0,
  };
}
