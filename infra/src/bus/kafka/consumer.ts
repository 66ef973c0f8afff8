import { setTimeout as sleep } from 'node:timers/promises';
import type { Admin, EachBatchPayload, Kafka } from 'kafkajs';
import type { ConsumedBatch, ConsumeOptions, Consumer } from '../port.js';
import { translate } from './errors.js';
import { retryRetriable } from './retriable.js';

const MAX_BACKOFF_MS = 5000;

export interface KafkaConsumerTuning {
  /** Partitions of one consumer handled at once; a partition stuck in retries does not stall the rest. */
  readonly partitionsConsumedConcurrently?: number;
  readonly sessionTimeoutMs?: number;
  readonly heartbeatIntervalMs?: number;
  /** Told when a consumer kafkajs gave up on was replaced by a new one. */
  readonly onRestart?: () => void;
}

/**
 * A member of a Kafka consumer group behind the port. Offsets are resolved and committed by hand,
 * only after `handleBatch` resolves. A throwing handler gets the same batch again, in place, after
 * a backoff (heartbeating meanwhile so the group keeps the member); when the consumer is stopping
 * or the partition moved in a rebalance, the batch is abandoned uncommitted and whoever owns the
 * partition next reads it again from the committed offset.
 */
export async function startKafkaConsumer(
  kafka: Kafka,
  admin: () => Promise<Admin>,
  options: ConsumeOptions,
  tuning: KafkaConsumerTuning = {},
): Promise<Consumer> {
  const open = async () => {
    const consumer = kafka.consumer({
      groupId: options.groupId,
      allowAutoTopicCreation: false,
      sessionTimeout: tuning.sessionTimeoutMs ?? 30_000,
      heartbeatInterval: tuning.heartbeatIntervalMs ?? 1000,
    });
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [...options.topics], fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: tuning.partitionsConsumedConcurrently ?? 4,
        eachBatch: (payload) => handle(payload, options),
      });
    } catch (error) {
      await consumer.disconnect().catch(() => {});
      throw translate(error, options.topics.length === 1 ? options.topics[0] : undefined);
    }
    return consumer;
  };

  let current = await open();
  let stopped: Promise<void> | undefined;
  let reopening: Promise<void> | undefined;
  /**
   * kafkajs restarts a crashed consumer only when it judges the error retriable; after a broker
   * restart it can also give up (found by the chaos suite: a projector stayed ready with its lag
   * growing, consuming nothing, after Kafka was killed and restarted). A consumer kafkajs will not
   * restart is replaced here, with backoff, until the process stops.
   */
  const watch = (consumer: typeof current) =>
    consumer.on(consumer.events.CRASH, (event: { payload: { restart?: boolean } }) => {
      if (event.payload.restart || stopped || reopening) return;
      reopening = (async () => {
        await consumer.disconnect().catch(() => {});
        for (let attempt = 0; !stopped; attempt++) {
          try {
            current = await open();
            watch(current);
            tuning.onRestart?.();
            return;
          } catch {
            await sleep(Math.min(200 * 2 ** attempt, MAX_BACKOFF_MS));
          }
        }
      })().finally(() => {
        reopening = undefined;
      });
    });
  watch(current);

  return {
    lag: () => groupLag(admin, options),
    stop: () => {
      // kafkajs's disconnect stops fetching, waits for the batch in hand, then leaves the group.
      stopped ??= (async () => {
        await reopening;
        await current.disconnect();
      })();
      return stopped;
    },
  };
}

async function handle(payload: EachBatchPayload, options: ConsumeOptions): Promise<void> {
  const { batch, heartbeat, isRunning, isStale, resolveOffset, commitOffsetsIfNecessary } = payload;
  if (batch.messages.length === 0) return;
  const consumed: ConsumedBatch = {
    topic: batch.topic,
    partition: batch.partition,
    messages: batch.messages.map((m) => ({
      topic: batch.topic,
      partition: batch.partition,
      offset: m.offset,
      key: m.key?.toString() ?? '',
      value: m.value ?? Buffer.alloc(0),
      headers: headersOf(m.headers),
    })),
  };
  for (let failures = 0; ; failures++) {
    try {
      await options.handleBatch(consumed);
      break;
    } catch (error) {
      try {
        options.onBatchError?.(error, consumed);
      } catch {
        // A faulty observer must not stop the partition.
      }
      const backoff = Math.min(100 * 2 ** failures, MAX_BACKOFF_MS);
      for (const until = Date.now() + backoff; Date.now() < until; ) {
        if (!isRunning() || isStale()) return;
        await sleep(Math.min(250, until - Date.now()));
        await heartbeat();
      }
      if (!isRunning() || isStale()) return;
    }
  }
  const last = batch.messages[batch.messages.length - 1]!.offset;
  resolveOffset(last);
  await commitOffsetsIfNecessary({
    topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: String(BigInt(last) + 1n) }] }],
  });
}

function headersOf(headers: EachBatchPayload['batch']['messages'][number]['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    out[name] = (Array.isArray(value) ? value[value.length - 1] : value)?.toString() ?? '';
  }
  return out;
}

async function groupLag(
  admin: () => Promise<Admin>,
  options: ConsumeOptions,
): Promise<{ topic: string; partition: number; lag: number }[]> {
  try {
    return await retryRetriable(() => readLag(admin, options));
  } catch (error) {
    throw translate(error);
  }
}

async function readLag(
  admin: () => Promise<Admin>,
  options: ConsumeOptions,
): Promise<{ topic: string; partition: number; lag: number }[]> {
  const client = await admin();
  const committed = await client.fetchOffsets({ groupId: options.groupId, topics: [...options.topics] });
  const lags: { topic: string; partition: number; lag: number }[] = [];
  for (const topic of options.topics) {
    const ends = await client.fetchTopicOffsets(topic);
    const group = committed.find((c) => c.topic === topic)?.partitions ?? [];
    for (const end of ends) {
      const offset = Number(group.find((p) => p.partition === end.partition)?.offset ?? '-1');
      // No commit yet: the group starts at the earliest message still kept.
      const from = offset >= 0 ? offset : Number(end.low);
      lags.push({ topic, partition: end.partition, lag: Math.max(0, Number(end.high) - from) });
    }
  }
  return lags;
}
