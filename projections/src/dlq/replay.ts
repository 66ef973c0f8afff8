import { dlqTopicFor, topicFor } from '@chartline/events';
import type { ConsumedMessage, EventBus } from '@chartline/infra';
import { DLQ_HEADERS, withoutDeadLetterHeaders } from '../runtime/dead-letter.js';

export interface DlqReplayResult {
  readonly republished: number;
}

export interface DlqReplayOptions {
  /** Other names than the production ones (a run isolated on a shared Kafka by a topic prefix). */
  readonly topic?: string;
  /**
   * Send each message back to the topic it was parked from (its `dlq-original-topic` header), for a
   * DLQ fed from several topics: a process manager's, `chartline.<module>.<name>.dlq`.
   */
  readonly toOriginalTopic?: boolean;
  readonly dlqTopic?: string;
  readonly groupId?: string;
  readonly idleMs?: number;
  readonly onMessage?: (republished: number) => void;
}

/**
 * Once the cause is fixed (a consumer that knows the new schema, a handler bug mended), sends a
 * module's parked messages back to its topic exactly as they first arrived: key, value and headers,
 * minus the `dlq-*` ones. The replay tool's own consumer group commits what it has sent, so a
 * second run only sends what was parked since. Stops once the DLQ has been drained for `idleMs`.
 */
export async function replayDeadLetters(
  bus: EventBus,
  module: string,
  options: DlqReplayOptions = {},
): Promise<DlqReplayResult> {
  const dlq = options.dlqTopic ?? dlqTopicFor(module);
  const topic = options.topic ?? topicFor(module);
  const idleMs = options.idleMs ?? 1_000;
  let republished = 0;
  let lastActivity = Date.now();
  const consumer = await bus.consume({
    groupId: options.groupId ?? `chartline.dlq-replay.${module}`,
    topics: [dlq],
    handleBatch: async (batch) => {
      const byTopic = new Map<string, ConsumedMessage[]>();
      for (const message of batch.messages) {
        const to = (options.toOriginalTopic && message.headers[DLQ_HEADERS.originalTopic]) || topic;
        byTopic.set(to, [...(byTopic.get(to) ?? []), message]);
      }
      for (const [to, messages] of byTopic) await bus.publish(to, messages.map(withoutDeadLetterHeaders));
      republished += batch.messages.length;
      lastActivity = Date.now();
      options.onMessage?.(republished);
    },
  });
  for (;;) {
    await new Promise((r) => setTimeout(r, Math.min(200, idleMs)));
    const lag = (await consumer.lag()).reduce((n, l) => n + l.lag, 0);
    if (lag === 0 && Date.now() - lastActivity >= idleMs) break;
  }
  await consumer.stop();
  return { republished };
}
