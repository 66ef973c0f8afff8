/**
 * Closed-loop load: C clients, each sending its next item as soon as the previous one is answered,
 * as fast as the system goes. Work comes in lanes (one hospital's steps, in order, because a later
 * step needs an earlier one's id); a client takes a whole lane at a time.
 */
export interface ClosedLoopResult {
  readonly done: number;
  readonly errors: number;
  /** Per answered item, send → answer, ms. */
  readonly latencies: number[];
  readonly millis: number;
}

export async function runClosedLoop<T>(
  lanes: readonly (readonly T[])[],
  clients: number,
  send: (item: T) => Promise<void>,
): Promise<ClosedLoopResult> {
  const pending = [...lanes];
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const client = async () => {
    for (let lane = pending.shift(); lane; lane = pending.shift()) {
      for (const item of lane) {
        const t0 = performance.now();
        try {
          await send(item);
          latencies.push(performance.now() - t0);
        } catch {
          errors++;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, clients) }, client));
  return { done: latencies.length, errors, latencies, millis: performance.now() - started };
}

/** Groups items into lanes by key, keeping their order within a lane. */
export function lanesBy<T>(items: readonly T[], key: (item: T) => string): T[][] {
  const lanes = new Map<string, T[]>();
  for (const item of items) {
    const lane = lanes.get(key(item)) ?? [];
    lane.push(item);
    lanes.set(key(item), lane);
  }
  return [...lanes.values()];
}

/** C clients sending request after request until the time is up; `send` gets a running number. */
export async function runForDuration(
  clients: number,
  seconds: number,
  send: (n: number) => Promise<void>,
): Promise<ClosedLoopResult> {
  const latencies: number[] = [];
  let errors = 0;
  let n = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const client = async () => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      try {
        await send(n++);
        latencies.push(performance.now() - t0);
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, clients) }, client));
  return { done: latencies.length, errors, latencies, millis: performance.now() - started };
}
