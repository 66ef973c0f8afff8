import {
  dlqTopicFor,
  encodeForKafka,
  envelopeFromRecorded,
  moduleOfType,
  partitionKey,
  topicFor,
} from '@chartline/events';
import type { RecordedEvent } from '@chartline/infra';
import type { OutgoingMessage } from './relay.js';

/**
 * A stored event → its Kafka message: the module's topic, key = hospital (one hospital, one
 * partition, in order), value = the envelope as stored in Avro single-object encoding, and headers
 * a consumer can route or trace by without decoding the body.
 */
export function toBusMessage(event: RecordedEvent): OutgoingMessage {
  const envelope = envelopeFromRecorded(event);
  const headers: Record<string, string> = {
    type: envelope.type,
    eventId: envelope.eventId,
    position: String(envelope.position),
    schemaVersion: String(envelope.schemaVersion),
  };
  if (envelope.traceparent) headers['traceparent'] = envelope.traceparent;
  return {
    topic: topicFor(moduleOfType(envelope.type)),
    message: { key: partitionKey(envelope), value: encodeForKafka(envelope), headers },
  };
}

/** The topics the relay creates for a module: its events and its dead letters. */
export const moduleTopics = (module: string): readonly string[] => [topicFor(module), dlqTopicFor(module)];
