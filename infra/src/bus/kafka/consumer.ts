import { setTimeout as sleep } from 'node:timers/promises';
import type { Admin, EachBatchPayload, Kafka } from 'kafkajs';
import { type Backoff, retryLoop } from '../../consumer/retry-loop.js';
import type { ConsumedBatch, ConsumeOptions, Consumer } from '../port.js';
import { isRetriable, translate } from './errors.js';
import { type PartitionLag, readGroupLag } from './lag.js';

const MAX_BACKOFF_MS = 5000;

export interface KafkaConsumerTuning {
  /** Partitions of one consumer handled at once; a partition stuck in retries does not stall the rest. */
  readonly partitionsConsumedConcurrently?: number;
  readonly sessionTimeoutMs?: number;
  readonly heartbeatIntervalMs?: number;
  /** Most messages handed to one `handleBatch` call (and committed together); default 100. */
  readonly maxBatchMessages?: number;
  /** Told when a consumer kafkajs gave up on was replaced by a new one. */
  readonly onRestart?: () => void;
  /** How a lag read retries what Kafka calls retriable (default: 5 attempts from 200 ms). */
  readonly lagRead?: LagReadRetry;
}

export interface LagReadRetry {
  readonly attempts: number;
  readonly backoff: Backoff;
}

const LAG_READ_RETRY: LagReadRetry = { attempts: 5, backoff: { initialMs: 200, maxMs: 1000 } };

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
  const heartbeatMs = tuning.heartbeatIntervalMs ?? 1000;
  // What /readyz reads: a member of the group now, and when it last moved forward (joined or committed).
  const progress = { joined: false, progressAt: Date.now() };
  const limits = {
    chunk: tuning.maxBatchMessages ?? 100,
    heartbeatMs,
    committed: () => {
      progress.progressAt = Date.now();
    },
  };
  const open = async () => {
    const consumer = kafka.consumer({
      groupId: options.groupId,
      allowAutoTopicCreation: false,
      sessionTimeout: tuning.sessionTimeoutMs ?? 30_000,
      heartbeatInterval: heartbeatMs,
    });
    consumer.on(consumer.events.GROUP_JOIN, () => {
      progress.joined = true;
      progress.progressAt = Date.now();
    });
    for (const left of [consumer.events.CRASH, consumer.events.STOP])
      consumer.on(left, () => {
        progress.joined = false;
      });
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [...options.topics], fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: tuning.partitionsConsumedConcurrently ?? 4,
        eachBatch: (payload) => handle(payload, options, limits),
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
    lag: () => groupLag(admin, options, tuning.lagRead ?? LAG_READ_RETRY),
    progress: () => ({ ...progress }),
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

async function handle(
  payload: EachBatchPayload,
  options: ConsumeOptions,
  limits: { readonly chunk: number; readonly heartbeatMs: number; committed(): void },
): Promise<void> {
  const { batch, heartbeat, isRunning, isStale, resolveOffset, commitOffsetsIfNecessary } = payload;
  if (batch.messages.length === 0) return;
  const messages = batch.messages.map((m) => ({
    topic: batch.topic,
    partition: batch.partition,
    offset: m.offset,
    key: m.key?.toString() ?? '',
    value: m.value ?? Buffer.alloc(0),
    headers: headersOf(m.headers),
  }));
  // Handled and committed a chunk at a time: after an outage the fetch brings the whole backlog at
  // once, and one huge batch outlasted the group session (see below), was redone, never committed.
  for (let from = 0; from < messages.length; from += limits.chunk) {
    if (!isRunning() || isStale()) return;
    const consumed: ConsumedBatch = {
      topic: batch.topic,
      partition: batch.partition,
      messages: messages.slice(from, from + limits.chunk),
    };
    if (!(await handleWithRetries(consumed, payload, options, limits.heartbeatMs))) return;
    const last = consumed.messages[consumed.messages.length - 1]!.offset;
    resolveOffset(last);
    await commitOffsetsIfNecessary({
      topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: String(BigInt(last) + 1n) }] }],
    });
    limits.committed();
    await heartbeat();
  }
}

/**
 * `handleBatch` until it resolves (true), backing off after each failure; false once the consumer
 * stops or the partition moved. kafkajs sends heartbeats only when asked, so they are sent while
 * the handler runs too: a handler slower than the session (a projector catching up on a loaded
 * machine) would otherwise be dropped from the group mid-batch and its commit refused — the chaos
 * suite's Kafka-restart stall.
 */
async function handleWithRetries(
  consumed: ConsumedBatch,
  payload: EachBatchPayload,
  options: ConsumeOptions,
  heartbeatMs: number,
): Promise<boolean> {
  const { heartbeat, isRunning, isStale } = payload;
  for (let failures = 0; ; failures++) {
    const beating = setInterval(() => {
      // A failed heartbeat (a rebalance, the broker away) shows in isStale() or in the commit after.
      heartbeat().catch(() => {});
    }, heartbeatMs);
    try {
      await options.handleBatch(consumed);
      return true;
    } catch (error) {
      try {
        options.onBatchError?.(error, consumed);
      } catch {
        // A faulty observer must not stop the partition.
      }
    } finally {
      clearInterval(beating);
    }
    const backoff = Math.min(100 * 2 ** failures, MAX_BACKOFF_MS);
    for (const until = Date.now() + backoff; Date.now() < until; ) {
      if (!isRunning() || isStale()) return false;
      await sleep(Math.min(250, until - Date.now()));
      await heartbeat();
    }
    if (!isRunning() || isStale()) return false;
  }
}

function headersOf(headers: EachBatchPayload['batch']['messages'][number]['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    out[name] = (Array.isArray(value) ? value[value.length - 1] : value)?.toString() ?? '';
  }
  return out;
}

/**
 * kafkajs's own admin retry does not cover this: its fetchTopicOffsets retries only an unknown
 * topic and gives up at once on "not the leader" (kafkajs 2.2.4, admin/index.js), which a new
 * topic answers while its leader is elected. So the read goes through the consumers' retry loop,
 * a few attempts only: readiness and the lag gauge wait for the answer.
 */
async function groupLag(
  admin: () => Promise<Admin>,
  options: ConsumeOptions,
  retry: LagReadRetry,
): Promise<PartitionLag[]> {
  try {
    return await retryLoop({ backoff: retry.backoff }).untilDone(
      async () => readGroupLag(await admin(), options.groupId, options.topics),
      (error, attempt) => attempt < retry.attempts && isRetriable(error),
    );
  } catch (error) {
    throw translate(error);
  }
}
