import { EventCatalogueError } from '@chartline/events';
import {
  type ConsumedBatch,
  type ConsumedMessage,
  type Consumer,
  type ConsumerProgress,
  deadLetter,
  type EventBus,
  isTransient,
  reasonOf,
  retryLoop,
  startConsuming,
} from '@chartline/infra';
import { Applier, type ApplierDeps, type BatchProgress } from './applier.js';
import type { ProjectedEvent, Projection } from './projection.js';

export interface ProjectorDeps extends ApplierDeps {
  readonly bus: EventBus;
  readonly projection: Projection;
  /** Kafka bytes → event (Avro single-object decoding, upcast). Throws on anything it cannot read. */
  readonly decode: (message: ConsumedMessage) => ProjectedEvent;
  readonly topic: string;
  readonly dlqTopic: string;
  /** Default `chartline.projector.<module>`. */
  readonly groupId?: string;
  /** Partitions of the topics if this projector is the first to need them (the relay makes them too). */
  readonly partitions?: number;
  /** How often a non-transient failure is tried before the event is parked. */
  readonly maxAttempts?: number;
  readonly backoff?: { readonly initialMs: number; readonly maxMs: number };
  readonly onParked?: (reason: string, message: ConsumedMessage) => void;
  readonly onRetry?: (error: unknown, attempt: number, transient: boolean) => void;
  readonly onBatch?: (events: number, millis: number) => void;
  /** Aborts a start that is still waiting for its topic or a server (the process is stopping). */
  readonly signal?: AbortSignal;
}

export interface ProjectorStats {
  readonly batches: number;
  readonly applied: number;
  readonly parked: number;
  readonly retries: number;
}

export interface Projector {
  /** Finishes (or abandons, if it is stuck retrying) the batch in hand, commits, leaves the group. */
  stop(): Promise<void>;
  /** Messages behind the high watermark, per partition: the autoscaling signal. */
  lag(): Promise<readonly { topic: string; partition: number; lag: number }[]>;
  /** In its group, and when it last committed: /readyz tells a stalled projector by it. */
  progress(): ConsumerProgress;
  stats(): ProjectorStats;
}

/** Moved to `@chartline/infra` (infra/src/consumer/): every consumer starts the same way. */
export { startable } from '@chartline/infra';

/**
 * One module's consumer: a consumer group on the module topic, batches per partition applied in
 * order (hospitals of one partition side by side, each hospital's events in sequence), offsets
 * committed by the bus only after the batch's writes, positions and cache bumps succeeded.
 * A message that cannot be decoded, or an event whose handler keeps failing, is parked on the
 * module's DLQ and the partition moves on; a server that is away is waited for, never parked.
 */
export async function startProjector(deps: ProjectorDeps): Promise<Projector> {
  const applier = new Applier(deps.projection, deps);
  const maxAttempts = deps.maxAttempts ?? 5;
  const stats = { batches: 0, applied: 0, parked: 0 };
  const loop = retryLoop({
    ...(deps.backoff && { backoff: deps.backoff }),
    ...(deps.signal && { signal: deps.signal }),
    ...(deps.onRetry && { onRetry: deps.onRetry }),
  });
  async function park(message: ConsumedMessage, reason: string, attempts: number): Promise<void> {
    await loop.untilDone(() => deps.bus.publish(deps.dlqTopic, [deadLetter(message, reason, attempts)]));
    stats.parked++;
    deps.onParked?.(reason, message);
  }

  /** True when applied (to the batch's overlay), false when parked. */
  async function applyOrPark(
    event: ProjectedEvent,
    message: ConsumedMessage,
    progress: BatchProgress,
  ): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      try {
        await applier.apply(event, progress);
        return true;
      } catch (error) {
        loop.throwIfStopping(error);
        const transient = isTransient(error);
        if (!transient && attempt >= maxAttempts) {
          await park(message, reasonOf(error, error instanceof EventCatalogueError), attempt);
          return false;
        }
        await loop.backOff(error, attempt, transient);
      }
    }
  }

  async function handleBatch(batch: ConsumedBatch): Promise<void> {
    const started = Date.now();
    const byHospital = new Map<string, { event: ProjectedEvent; message: ConsumedMessage }[]>();
    for (const message of batch.messages) {
      let event: ProjectedEvent;
      try {
        event = deps.decode(message);
      } catch (error) {
        await park(message, reasonOf(error, error instanceof EventCatalogueError), 1);
        continue;
      }
      const list = byHospital.get(event.hospitalId) ?? [];
      list.push({ event, message });
      byHospital.set(event.hospitalId, list);
    }
    const progress: BatchProgress = new Map();
    let applied = 0;
    await Promise.all(
      [...byHospital.values()].map(async (items) => {
        for (const { event, message } of items) if (await applyOrPark(event, message, progress)) applied++;
      }),
    );
    await loop.untilDone(() => applier.commit(progress));
    // Counted once written: until the commit, the batch's writes are only in its overlay.
    stats.applied += applied;
    stats.batches++;
    deps.onBatch?.(batch.messages.length, Date.now() - started);
  }

  const consumer: Consumer = await startConsuming(loop, {
    bus: deps.bus,
    groupId: deps.groupId ?? `chartline.projector.${deps.projection.module}`,
    topics: [deps.topic],
    dlqTopic: deps.dlqTopic,
    ...(deps.partitions !== undefined && { partitions: deps.partitions }),
    prepare: () => applier.ensureIndexes(),
    handleBatch,
  });

  return {
    async stop() {
      loop.stop();
      await consumer.stop();
    },
    lag: () => consumer.lag(),
    progress: () => consumer.progress(),
    stats: () => ({ ...stats, retries: loop.retries }),
  };
}
