import { decodeFromKafka, decodeRecorded } from '@chartline/events';
import type { ConsumedMessage, RecordedEvent } from '@chartline/infra';
import type { ProjectedEvent } from './projection.js';

/** Kafka bytes → the envelope with its data lifted to the current version. Throws typed catalogue errors. */
export function decodeMessage(message: ConsumedMessage): ProjectedEvent {
  const decoded = decodeFromKafka(message.value);
  return { ...decoded.envelope, data: decoded.data };
}

/** A stored event → the same shape, for rebuilds that read the event store directly. */
export function decodeStored(event: RecordedEvent): ProjectedEvent {
  const decoded = decodeRecorded(event);
  return { ...decoded.envelope, data: decoded.data };
}
