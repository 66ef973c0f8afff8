import { decodeFromKafka, decodeRecorded } from '@chartline/events';
import type { ConsumedMessage, RecordedEvent } from '@chartline/infra';
import type { ProjectedEvent } from './projection.js';

/** Kafka bytes → the envelope with its data lifted to the current version. Throws typed catalogue errors. */
export function decodeMessage(message: ConsumedMessage): ProjectedEvent {
  const decoded = decodeFromKafka(message.value);
  // Current data (nearly every event) is the envelope's own: the envelope, not a copy of it.
  if (decoded.data === decoded.envelope.data) return decoded.envelope as ProjectedEvent;
  return { ...decoded.envelope, data: decoded.data };
}

/** A stored event → the same shape, for rebuilds that read the event store directly. */
export function decodeStored(event: RecordedEvent): ProjectedEvent {
  const decoded = decodeRecorded(event);
  if (decoded.data === decoded.envelope.data) return decoded.envelope as ProjectedEvent;
  return { ...decoded.envelope, data: decoded.data };
}
