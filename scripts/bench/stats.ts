/**
 * Latency summaries. Samples are kept whole and sorted (a bench run records at most tens of
 * thousands), so percentiles are exact nearest-rank values rather than bucketed estimates.
 */

/** Nearest-rank percentile (p in 0..100) of the samples; null when there are none. */
export function percentile(samples: readonly number[], p: number): number | null {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be within 0..100, got ${p}`);
  if (samples.length === 0) return null;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? null;
}

export interface LatencySummary {
  readonly count: number;
  readonly p50: number | null;
  readonly p99: number | null;
  readonly max: number | null;
}

export function summarise(samples: readonly number[]): LatencySummary {
  return {
    count: samples.length,
    p50: percentile(samples, 50),
    p99: percentile(samples, 99),
    max: percentile(samples, 100),
  };
}

/** Events (or requests) per second, whole numbers: the bench does not pretend to more precision. */
export const perSecond = (count: number, millis: number): number | null =>
  millis > 0 ? Math.round((count * 1000) / millis) : null;

/** Milliseconds to two decimals. */
export const ms = (value: number | null): number | null => (value === null ? null : Math.round(value * 100) / 100);

/**
 * A percentile of samples some of which were cut off at a limit (a read that waited the read API's
 * whole wait and was answered 503 views-behind took longer than the wait; by how much is unknown).
 * Those count as longer than every measured sample: a percentile that lands on one of them is only
 * known to exceed the limit, and is given as `beyond` instead of a number.
 */
export function censoredPercentile(
  measured: readonly number[],
  cutOff: number,
  p: number,
): { value: number | null; beyondLimit: boolean } {
  const all = [...measured, ...Array<number>(cutOff).fill(Number.POSITIVE_INFINITY)];
  const value = percentile(all, p);
  if (value === Number.POSITIVE_INFINITY) return { value: null, beyondLimit: true };
  return { value, beyondLimit: false };
}
