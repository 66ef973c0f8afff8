/**
 * The rate sweep: the open loop run at rising rates until latency turns up. One point per rate;
 * the knee is the highest rate served before p99 turned up (or the rate stopped being achieved).
 */

export interface SweepPoint {
  /** Commands per second scheduled. */
  readonly rate: number;
  /** Commands per second answered (below `rate`: the server could not keep up). */
  readonly achieved: number;
  readonly p50: number | null;
  readonly p99: number | null;
  readonly errors: number;
}

/** p99 more than this many times the lowest rate's p99 has "turned up"… */
export const TURN_UP_FACTOR = 2;
/**
 * …and only once it is also above this many milliseconds. On a quiet machine the lowest rate's p99
 * is ~10 ms, so one scheduling hiccup doubles it (the quiet full run of 10:44 stopped at 114/s with
 * p99 22 ms, a quarter of the closed-loop rate, and never reached half of it, so
 * `commands.p99_at_half_closed_ms` was null). 50 ms is issue 20's bound for p99 at half the rate.
 */
export const TURN_UP_FLOOR_MS = 50;
/** Answering below this share of the scheduled rate is saturation, whatever the percentiles say. */
export const ACHIEVED_SHARE = 0.9;

/**
 * Rates to try as shares of the closed loop's throughput (its capacity with that many clients), so
 * the sweep brackets the knee on any machine: from an eighth of capacity to a quarter past it.
 */
export const SWEEP_SHARES = [0.125, 0.25, 0.5, 0.75, 1, 1.25] as const;

export function sweepRates(closedPerSecond: number, shares: readonly number[] = SWEEP_SHARES): number[] {
  if (!(closedPerSecond > 0)) throw new RangeError(`closed-loop rate must be positive, got ${closedPerSecond}`);
  const rates = shares.map((share) => Math.max(1, Math.round(closedPerSecond * share)));
  return [...new Set(rates)].sort((a, b) => a - b);
}

/** Has this point turned up against the baseline (the lowest rate's p99)? */
export function turnedUp(point: SweepPoint, baselineP99: number): boolean {
  if (point.errors > 0 || point.p99 === null) return true;
  if (point.achieved < point.rate * ACHIEVED_SHARE) return true;
  return point.p99 > Math.max(baselineP99 * TURN_UP_FACTOR, TURN_UP_FLOOR_MS);
}

export interface Knee {
  /** Highest rate served before p99 turned up; null when even the lowest rate had turned up. */
  readonly rate: number | null;
  /** The first rate at which it turned up; null when it never did within the sweep. */
  readonly turnedUpAt: number | null;
}

export function findKnee(points: readonly SweepPoint[]): Knee {
  const sorted = [...points].sort((a, b) => a.rate - b.rate);
  const baseline = sorted[0]?.p99;
  if (baseline === undefined || baseline === null) return { rate: null, turnedUpAt: sorted[0]?.rate ?? null };
  let last: number | null = null;
  for (const point of sorted) {
    if (turnedUp(point, baseline)) return { rate: last, turnedUpAt: point.rate };
    last = point.rate;
  }
  return { rate: last, turnedUpAt: null };
}

/**
 * Runs `measure` at each rate in order, stopping one point after latency turned up (the curve
 * shows the upturn; going further only queues work the server cannot take).
 */
export async function runSweep(
  rates: readonly number[],
  measure: (rate: number) => Promise<SweepPoint>,
): Promise<SweepPoint[]> {
  const points: SweepPoint[] = [];
  let baseline: number | null = null;
  for (const rate of rates) {
    const point = await measure(rate);
    points.push(point);
    baseline ??= point.p99;
    if (baseline === null || turnedUp(point, baseline)) break;
  }
  return points;
}

/**
 * Items of many lanes taken in turn (first of each lane, then second of each…), each lane's own
 * order kept: the generator lists a hospital's whole set-up before the next hospital's, so the
 * first N steps would otherwise come from two or three hospitals and the lanes, not the server,
 * would cap the rate.
 */
export function interleaveLanes<T>(items: readonly T[], laneOf: (item: T) => string): T[] {
  const lanes = new Map<string, T[]>();
  for (const item of items) {
    const lane = laneOf(item);
    let queue = lanes.get(lane);
    if (!queue) {
      queue = [];
      lanes.set(lane, queue);
    }
    queue.push(item);
  }
  const queues = [...lanes.values()];
  const out: T[] = [];
  for (let i = 0; out.length < items.length; i++) for (const queue of queues) if (i < queue.length) out.push(queue[i]!);
  return out;
}
