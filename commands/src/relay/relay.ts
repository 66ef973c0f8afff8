import { setTimeout as sleepFor } from 'node:timers/promises';
import { type BusMessage, type EventBus, type EventStore, type RecordedEvent, StreamNotFound } from '@chartline/infra';
import { batchesOf } from './batches.js';
import type { RelayCheckpointStore } from './checkpoint-store.js';
import { type MoveInProgress, PLACEMENT_STREAM, PlacementTracker } from './placement.js';

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
  /** Saving the checkpoint failed (the event store away); it is tried again with the same backoff. */
  readonly onCheckpointError?: (error: unknown, attempt: number) => void;
  /** Told after each acknowledged batch. */
  readonly onBatch?: (events: number, checkpoint: number) => void;
  /** How the relay carries out a hospital's move between partitions (absent: a started move never completes). */
  readonly moves?: MoveCooperation;
  /** Told when a hospital's placement names a partition the topics do not have: it goes by key hash. */
  readonly onPlacementOutOfRange?: (hospitalId: string, partition: number) => void;
}

/** The relay's part in moving a hospital to another partition. */
export interface MoveCooperation {
  /** The consumer groups reading a topic: each must pass the hospital's last event on its old partition. */
  readonly groupsOf: (topic: string) => readonly string[];
  /** Records HospitalMoveCompleted through the command pipeline; a refusal (already completed) is fine. */
  readonly completeMove: (move: MoveInProgress) => Promise<void>;
  /** Between two looks at the groups' committed offsets. Default 500 ms. */
  readonly pollMs?: number;
  /** Told at each look while groups are still behind (to log which group a move waits on). */
  readonly onWaiting?: (move: MoveInProgress, behind: readonly DrainGap[]) => void;
  /** Told when the drain check or the completion failed (it is tried again). */
  readonly onError?: (move: MoveInProgress, error: unknown) => void;
}

/** A group that has not yet passed the stop mark of a moving hospital's old partition. */
export interface DrainGap {
  readonly topic: string;
  readonly group: string;
  readonly partition: number;
  /** Next offset the group reads there (-1: it never committed). */
  readonly committed: number;
  /** The partition's end offset when the hospital was stopped. */
  readonly mark: number;
}

export interface RelayStats {
  readonly published: number;
  readonly batches: number;
  readonly publishFailures: number;
  readonly checkpoint: number | null;
  /** Events held back while their hospital moves between partitions. */
  readonly held: number;
}

export interface Relay {
  /** Publishes the batch in hand (if the bus takes it), advances the checkpoint, then ends. */
  stop(): Promise<void>;
  /** Event-store positions between the newest event and the checkpoint: the relay lag metric. */
  lagPositions(): Promise<number>;
  stats(): RelayStats;
  /** Hospital → partition, as the relay routes now (a moving hospital: its old partition). */
  placements(): ReadonlyMap<string, number>;
  /** Moves in progress. */
  moves(): readonly MoveInProgress[];
  /** Settles when the relay ends; rejects when it cannot go on (an event it cannot encode). */
  readonly done: Promise<void>;
}

/**
 * Event store → bus. A catch-up subscription from the checkpoint feeds batches bounded by size
 * and time; each batch is published (per topic, in position order) and only after the bus has
 * acknowledged all of it does the checkpoint move. A crash between the two republishes the batch:
 * consumers see a duplicate, which their guarded upserts ignore. An event that cannot be encoded
 * stops the relay rather than be skipped: losing an event is worse than stalling.
 *
 * Partitions come from the hospitals' placement (HospitalPlaced, written before the hospital's
 * first event), learnt from the placement events in relay order; a hospital without one goes by
 * key hash. A move (HospitalMoveStarted) stops the hospital: its later events are held, the
 * old partition's end offsets are noted, and once every consumer group has committed past them
 * the relay records HospitalMoveCompleted; on meeting that event it publishes the held events,
 * in order, on the new partition. While events are held the checkpoint stays before the first
 * of them, so a restart holds them again rather than lose them.
 */
export async function startRelay(deps: RelayDeps): Promise<Relay> {
  const batchSize = deps.batchSize ?? 500;
  const maxBatchDelayMs = deps.maxBatchDelayMs ?? 20;
  const retry = deps.retryMs ?? { initial: 100, max: 5_000 };
  const partitions = deps.partitions ?? 12;
  const topics = deps.modules.flatMap((m) => deps.topicsOf(m));
  await deps.bus.ensureTopics(topics, partitions);

  let checkpoint = await deps.checkpoints.get();
  let published = 0;
  let batches = 0;
  let publishFailures = 0;
  let stopping = false;
  let wakeSleeper: (() => void) | null = null;

  // The placement as of the checkpoint: what the events relayed so far were routed by.
  const placement = new PlacementTracker();
  for (const event of await readPlacement(deps.store)) {
    if (checkpoint !== null && event.position <= checkpoint) placement.apply(event);
  }
  /** Per moving hospital: its held events, the position before the first, and the drain watch. */
  const holds = new Map<string, { events: OutgoingMessage[]; before: number | null; watch?: AbortController }>();
  for (const move of placement.moves()) holds.set(move.hospitalId, { events: [], before: null });
  const drainTopics = deps.moves ? topics.filter((t) => deps.moves!.groupsOf(t).length > 0) : [];

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

  const partitionFor = (hospitalId: string): number | undefined => {
    const p = placement.partition(hospitalId);
    if (p === undefined) return undefined;
    if (p >= 0 && p < partitions) return p;
    deps.onPlacementOutOfRange?.(hospitalId, p);
    return undefined;
  };

  /** Routes a batch in position order: what to publish now, and what is held back. */
  function route(events: readonly RecordedEvent[], previous: number | null): OutgoingMessage[] {
    const out: OutgoingMessage[] = [];
    const send = ({ topic, message }: OutgoingMessage) => {
      const partition = partitionFor(message.key);
      out.push({ topic, message: partition === undefined ? message : { ...message, partition } });
    };
    let before = previous;
    for (const event of events) {
      const encoded = deps.encode(event);
      // The key is the hospital whose order the event belongs to (placement events: the platform's).
      const hold = holds.get(encoded.message.key);
      if (hold) {
        if (hold.events.length === 0) hold.before = before;
        hold.events.push(encoded);
      } else {
        send(encoded);
      }
      const change = placement.apply(event);
      const subject = String((event.data as Record<string, unknown>)['hospitalId']);
      if (change === 'move-started' && !holds.has(subject)) {
        // The hospital's events up to here went to its old partition; the later ones wait.
        holds.set(subject, { events: [], before: null });
      } else if (change === 'move-completed') {
        // The switch: the held events, in order, on the new partition.
        const released = holds.get(subject);
        holds.delete(subject);
        released?.watch?.abort();
        for (const held of released?.events ?? []) send(held);
      }
      before = event.position;
    }
    return out;
  }

  async function publishUntilAcknowledged(outgoing: readonly OutgoingMessage[]): Promise<boolean> {
    const byTopic = new Map<string, BusMessage[]>();
    for (const { topic, message } of outgoing) {
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

  /** Notes the old partition's end offsets now (all the hospital's events there are acknowledged), then waits for every group to pass them. */
  function watchDrain(move: MoveInProgress): void {
    const hold = holds.get(move.hospitalId);
    const cooperation = deps.moves;
    if (!hold || hold.watch || !cooperation) return;
    const watch = new AbortController();
    hold.watch = watch;
    const pause = (ms: number) => sleepFor(ms, undefined, { signal: watch.signal }).catch(() => {});
    void (async () => {
      const pollMs = cooperation.pollMs ?? 500;
      let marks: Map<string, number> | undefined;
      while (!watch.signal.aborted && !stopping) {
        try {
          marks ??= new Map(
            await Promise.all(
              drainTopics.map(
                async (topic) => [topic, (await deps.bus.endOffsets(topic))[move.fromPartition]?.offset ?? 0] as const,
              ),
            ),
          );
          const behind: DrainGap[] = [];
          for (const [topic, mark] of marks) {
            if (mark <= 0) continue;
            for (const group of cooperation.groupsOf(topic)) {
              const committed = (await deps.bus.committedOffsets(group, topic))[move.fromPartition]?.offset ?? -1;
              if (committed < mark) behind.push({ topic, group, partition: move.fromPartition, committed, mark });
            }
          }
          if (behind.length === 0) {
            await cooperation.completeMove(move);
            return;
          }
          cooperation.onWaiting?.(move, behind);
        } catch (error) {
          cooperation.onError?.(move, error);
        }
        await pause(pollMs);
      }
    })();
  }

  /** The newest position every event up to which has been published: not past a held event. */
  function safeCheckpoint(last: number): number | null {
    let safe: number | null = last;
    for (const hold of holds.values()) {
      if (hold.events.length === 0) continue;
      if (hold.before === null || (safe !== null && hold.before < safe)) safe = hold.before;
    }
    return safe;
  }

  // Moves in progress at the checkpoint: their hospital's events up to it are already on the old
  // partition, so the drain can be watched at once.
  for (const move of placement.moves()) watchDrain(move);

  /**
   * Published but not yet recorded: the checkpoint is written until it sticks. Giving up would stop
   * the relay for a store that is only away (restarting, failing over); moving on without it is
   * safe too (a restart re-publishes from the older checkpoint), but then the lag would lie.
   */
  async function saveCheckpoint(position: number): Promise<boolean> {
    let delay = retry.initial;
    for (let attempt = 1; ; attempt++) {
      try {
        await deps.checkpoints.set(position);
        return true;
      } catch (error) {
        deps.onCheckpointError?.(error, attempt);
        if (stopping) return false;
        await sleep(delay);
        delay = Math.min(delay * 2, retry.max);
      }
    }
  }

  async function run(): Promise<void> {
    for await (const batch of batchesOf(subscription[Symbol.asyncIterator](), batchSize, maxBatchDelayMs)) {
      const outgoing = route(batch, checkpoint);
      if (!(await publishUntilAcknowledged(outgoing))) return;
      const last = batch[batch.length - 1]!.position;
      const safe = safeCheckpoint(last);
      if (safe !== null && safe !== checkpoint) {
        if (!(await saveCheckpoint(safe))) return;
        checkpoint = safe;
      }
      published += outgoing.length;
      batches++;
      deps.onBatch?.(outgoing.length, last);
      for (const move of placement.moves()) watchDrain(move);
      if (stopping) return;
    }
  }

  const done = run().finally(() => subscription.close());

  return {
    async stop() {
      stopping = true;
      wakeSleeper?.();
      for (const hold of holds.values()) hold.watch?.abort();
      await subscription.close();
      await done.catch(() => {});
    },
    async lagPositions() {
      const head = await deps.store.headPosition();
      return Math.max(0, head - (checkpoint ?? 0));
    },
    stats: () => ({
      published,
      batches,
      publishFailures,
      checkpoint,
      held: [...holds.values()].reduce((n, h) => n + h.events.length, 0),
    }),
    placements: () => placement.placements(),
    moves: () => placement.moves(),
    done,
  };
}

async function readPlacement(store: EventStore): Promise<RecordedEvent[]> {
  try {
    return await store.readStream(PLACEMENT_STREAM);
  } catch (error) {
    if (error instanceof StreamNotFound) return [];
    throw error;
  }
}
