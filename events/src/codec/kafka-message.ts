import { catalogue as defaultCatalogue, type EventCatalogue } from '../catalogue.js';
import type { EventEnvelope } from '../envelope.js';
import { moduleOfType, partitionKey, topicFor } from '../naming.js';
import { encodeForKafka } from './avro-codec.js';

/** A Kafka record as the relay produces it (kafkajs `Message` plus its topic). */
export interface KafkaEventMessage {
  readonly topic: string;
  /** The hospital: all of a hospital's events land in one partition, in order. */
  readonly key: string;
  readonly value: Buffer;
  /** For routing and tracing without decoding the value. Never data, so never personal data. */
  readonly headers: { readonly [name: string]: string };
}

export function kafkaMessageFor(
  envelope: EventEnvelope,
  catalogue: EventCatalogue = defaultCatalogue,
): KafkaEventMessage {
  const headers: Record<string, string> = {
    type: envelope.type,
    eventId: envelope.eventId,
    position: String(envelope.position),
    schemaVersion: String(envelope.schemaVersion),
  };
  if (envelope.traceparent) headers['traceparent'] = envelope.traceparent;
  return {
    topic: topicFor(moduleOfType(envelope.type)),
    key: partitionKey(envelope),
    value: encodeForKafka(envelope, catalogue),
    headers,
  };
}
