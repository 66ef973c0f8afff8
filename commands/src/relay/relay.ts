import type { BusMessage, EventBus, EventStore, RecordedEvent } from '@chartline/infra';
import { batchesOf } from './batches.js';
import type { RelayCheckpointStore } from './checkpoint-store.js';

/** One event ready for the bus: the module topic and the message (Avro value, key, headers). */
export interface OutgoingMessage {
  readonly topic: string;
  readonly message: BusMessage;
}

export interface RelayDeps {
  readonly store: EventStore;
  readonly bus: EventBus;
  readonly checkpoints: RelayCheckpointStore;
  /** Modules whose events are relayed; their topics and DLQs are created at start. */
  readonly modules: readonly string[];
  /** Turns a stored event into its Kafka message (see `toBusMessage`). */
  readonly encode: (event: RecordedEvent) => OutgoingMessage;
  /** Topic names of a module: its events topic and its dead-letter topic. */
  readonly topicsOf: (module: string) => readonly string[];
  readonly partitions?: number;
  readonly batchSize?: number;
  readonly maxBatchDelayMs?: number;
  /** Backoff between failed publishes: doubles from `initial` up to `max`. */
  readonly retryMs?: { readonly initial: number; readonly max: number };
  /** Told of every failed publish (to log and count); the relay keeps retrying. */
  readonly onPublishError?: (error: unknown, attempt: number) => void;
  /** Told after each acknowledged batch. */
  readonly onBatch?: (events: number, checkpoint: number) => void;
}

export interface RelayStats {
  readonly published: number;
  readonly batches: number;
  readonly publishFailures: number;
  readonly checkpoint: number | null;
}

export interface Relay {
  /** Publishes the batch in hand (if the bus takes it), advances the checkpoint, then ends. */
  stop(): Promise<void>;
  /** Event-store positions between the newest event and the checkpoint: the relay lag metric. */
  lagPositions(): Promise<number>;
  stats(): RelayStats;
  /** Settles when the relay ends; rejects when it cannot go on (an event it cannot encode). */
  readonly done: Promise<void>;
}

/**
 * Event store → bus. A catch-up subscription from the checkpoint feeds batches bounded by size
 * and time; each batch is published (per topic, in position order, key = hospital) and only after
 * the bus has acknowledged all of it does the checkpoint move. A crash between the two republishes
 * the batch: consumers see a duplicate, which their guarded upserts ignore. An event that cannot be
 * encoded stops the relay rather than be skipped: losing an event is worse than stalling.
 */
export async function startRelay(deps: RelayDeps): Promise<Relay> {
  const batchSize = deps.batchSize ?? 500;
  const maxBatchDelayMs = deps.maxBatchDelayMs ?? 20;
  const retry = deps.retryMs ?? { initial: 100, max: 5_000 };
  const topics = deps.modules.flatMap((m) => deps.topicsOf(m));
  await deps.bus.ensureTopics(topics, deps.partitions ?? 12);

  let checkpoint = await deps.checkpoints.get();
  let published = 0;
  let batches = 0;
  let publishFailures = 0;
  let stopping = false;
  let wakeSleeper: (() => void) | null = null;

  const subscription = deps.store.subscribeToAll({
    after: checkpoint,
    filter: { eventTypePrefixes: deps.modules.map((m) => `${m}.`) },
  });

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeSleeper = null;
        resolve();
      }
      wakeSleeper = done;
    });

  async function publishUntilAcknowledged(events: readonly RecordedEvent[]): Promise<boolean> {
    const byTopic = new Map<string, BusMessage[]>();
    for (const event of events) {
      const { topic, message } = deps.encode(event);
      const list = byTopic.get(topic) ?? [];
      list.push(message);
      byTopic.set(topic, list);
    }
    let delay = retry.initial;
    for (let attempt = 1; ; attempt++) {
      try {
        await Promise.all([...byTopic].map(([topic, messages]) => deps.bus.publish(topic, messages)));
        return true;
      } catch (error) {
        publishFailures++;
        deps.onPublishError?.(error, attempt);
        if (stopping) return false;
        await sleep(delay);
        delay = Math.min(delay * 2, retry.max);
      }
    }
  }

  async function run(): Promise<void> {
    for await (const batch of batchesOf(subscription[Symbol.asyncIterator](), batchSize, maxBatchDelayMs)) {
      if (!(await publishUntilAcknowledged(batch))) return;
      const last = batch[batch.length - 1]!.position;
      await deps.checkpoints.set(last);
      checkpoint = last;
      published += batch.length;
      batches++;
      deps.onBatch?.(batch.length, last);
      if (stopping) return;
    }
  }

  const done = run().finally(() => subscription.close());

  return {
    async stop() {
      stopping = true;
      wakeSleeper?.();
      await subscription.close();
      await done.catch(() => {});
    },
    async lagPositions() {
      const head = await deps.store.headPosition();
      return Math.max(0, head - (checkpoint ?? 0));
    },
    stats: () => ({ published, batches, publishFailures, checkpoint }),
    done,
  };
}
