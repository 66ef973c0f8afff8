import type { ConsumedBatch, Consumer, EventBus } from '../bus/port.js';
import { type RetryLoop, startable } from './retry-loop.js';

export interface StartConsumingOptions {
  readonly bus: EventBus;
  readonly groupId: string;
  readonly topics: readonly string[];
  readonly dlqTopic: string;
  /** Partitions of the topics if this consumer is the first to need them (the relay makes them too). */
  readonly partitions?: number;
  /** Work that must be done before the first batch (a projector's indexes), retried like the rest. */
  readonly prepare?: () => Promise<void>;
  readonly handleBatch: (batch: ConsumedBatch) => Promise<void>;
}

/**
 * The start every consumer shares, in this order: its topics and dead-letter topic made if absent,
 * `prepare`, then the consumer group joined. Each step waits out a server that is away, and the
 * join also a topic that is still missing (its creator starting later, or its metadata not yet on
 * every broker): start order must not matter, as Kubernetes starts pods in any order. The loop's
 * signal ends the wait with `Stopping`.
 */
export async function startConsuming(loop: RetryLoop, options: StartConsumingOptions): Promise<Consumer> {
  await loop.untilDone(() => options.bus.ensureTopics([...options.topics, options.dlqTopic], options.partitions ?? 12));
  if (options.prepare) await loop.untilDone(options.prepare);
  return loop.untilDone(
    () => options.bus.consume({ groupId: options.groupId, topics: options.topics, handleBatch: options.handleBatch }),
    startable,
  );
}
