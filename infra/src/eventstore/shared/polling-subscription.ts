import type { AllFilter, RecordedEvent, SubscribeOptions, Subscription } from '../port.js';
import type { Wakeup } from './wakeup.js';

export interface PollingSource {
  /** Events after `after` (exclusive) in position order, at most `maxCount`. */
  readBatch(after: number, filter: AllFilter | undefined, maxCount: number): Promise<RecordedEvent[]>;
  readonly wakeup: Wakeup;
  /** How long to sleep when no ring comes (other processes may write without ringing). */
  readonly pollMs: number;
}

const BATCH = 500;

/**
 * Catch-up then live, from one loop: read after the checkpoint until a read comes back empty,
 * then sleep until rung or the poll interval passes. Because every adapter's positions are
 * commit-ordered, "after the last delivered position" never skips an event. A failed read is
 * retried after the poll interval, so a store restart does not end the subscription.
 */
export function pollingSubscription(source: PollingSource, options: SubscribeOptions = {}): Subscription {
  let closed = false;
  let checkpoint = options.after ?? 0;
  const filter = options.filter;

  async function* run(): AsyncGenerator<RecordedEvent> {
    while (!closed) {
      let batch: RecordedEvent[];
      try {
        batch = await source.readBatch(checkpoint, filter, BATCH);
      } catch {
        await source.wakeup.wait(source.pollMs);
        continue;
      }
      for (const event of batch) {
        if (closed) return;
        checkpoint = event.position;
        yield event;
      }
      if (batch.length < BATCH && !closed) await source.wakeup.wait(source.pollMs);
    }
  }

  const iterator = run();
  return {
    [Symbol.asyncIterator]: () => iterator,
    async close() {
      closed = true;
      source.wakeup.ring();
      await iterator.return(undefined);
    },
  };
}
