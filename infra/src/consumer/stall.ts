import type { ConsumerProgress } from '../bus/port.js';

/** What a running consumer tells /readyz: whether it is in its group, when it last moved, its lag. */
export interface ProgressSource {
  progress(): ConsumerProgress;
  lag(): Promise<readonly { readonly lag: number }[]>;
}

/**
 * The `consumer` readiness check: ready while the consumer is a member of its group and either
 * moved forward (joined, committed a batch) within `stallAfterMs` or has nothing to do (lag 0).
 * Not ready when it has lag and has committed nothing for that long — the chaos suite's stall
 * after a Kafka restart, where a projector applied the same batch again and again, committed
 * never, and answered ready all along. A caught-up answer restarts the clock, so a consumer idle
 * for hours is not judged stalled by the first message that arrives after.
 */
export function stallCheck(source: ProgressSource, stallAfterMs: number, now: () => number = Date.now) {
  let caughtUpAt = 0;
  return async (): Promise<boolean> => {
    const { joined, progressAt } = source.progress();
    if (!joined) return false;
    const at = now();
    if (at - Math.max(progressAt, caughtUpAt) <= stallAfterMs) return true;
    const behind = await source.lag().then(
      (lags) => lags.reduce((sum, p) => sum + p.lag, 0),
      () => Number.POSITIVE_INFINITY,
    );
    if (behind === 0) caughtUpAt = at;
    return behind === 0;
  };
}
