import kafkajs from 'kafkajs';
import { BusUnavailable, UnknownTopic } from '../errors.js';

const { KafkaJSError } = kafkajs;

/** kafkajs failures become the port's: an unknown topic is the caller's mistake, the rest is Kafka being away. */
export function translate(error: unknown, topic?: string): unknown {
  if (topic !== undefined && mentionsUnknownTopic(error)) return new UnknownTopic(topic);
  if (error instanceof KafkaJSError) return new BusUnavailable({ cause: error });
  return error;
}

/**
 * An error Kafka itself calls retriable — above all "not the leader for that topic-partition" in
 * the moments after a topic is created or a broker restarts, while leadership settles.
 */
export function isRetriable(error: unknown): boolean {
  return error instanceof KafkaJSError && error.retriable;
}

function mentionsUnknownTopic(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if ((e as { type?: string }).type === 'UNKNOWN_TOPIC_OR_PARTITION') return true;
    if (e instanceof KafkaJSError && 'originalError' in e && (e as { originalError?: unknown }).originalError) {
      if (mentionsUnknownTopic((e as { originalError?: unknown }).originalError)) return true;
    }
  }
  return false;
}
