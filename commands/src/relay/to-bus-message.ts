import { dlqTopicFor, envelopeFromRecorded, kafkaMessageFor, topicFor } from '@chartline/events';
import type { RecordedEvent } from '@chartline/infra';
import type { OutgoingMessage } from './relay.js';

/**
 * A stored event → its Kafka message, as the events codec builds it (`kafkaMessageFor`: the
 * module's topic, key = hospital, value = the envelope in Avro, routing/tracing headers), in the
 * relay's shape of a topic plus a bus message.
 */
export function toBusMessage(event: RecordedEvent): OutgoingMessage {
  const { topic, ...message } = kafkaMessageFor(envelopeFromRecorded(event));
  return { topic, message };
}

/** The topics the relay creates for a module: its events and its dead letters. */
export const moduleTopics = (module: string): readonly string[] => [topicFor(module), dlqTopicFor(module)];
