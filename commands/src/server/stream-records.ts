import type { EventEnvelope, HashedFields } from '@chartline/events';
import type { EventToAppend, Json, RecordedEvent } from '@chartline/infra';

/**
 * How an envelope sits in the event store: the store keeps id, type, stream, revision, position
 * and time itself; the rest of the envelope travels as metadata, the domain data as data.
 */
export function toEventToAppend(
  envelope: HashedFields<Record<string, Json>> & { readonly hash: string },
): EventToAppend {
  const { eventId, type, data, streamId: _s, revision: _r, ...metadata } = envelope;
  return { eventId, type, data, metadata: metadata as unknown as Record<string, Json> };
}

/** The full envelope of a recorded event (the inverse of toEventToAppend). */
export function toEnvelope(record: RecordedEvent): EventEnvelope<Record<string, unknown>> {
  const metadata = record.metadata as unknown as Omit<
    EventEnvelope,
    'eventId' | 'type' | 'streamId' | 'revision' | 'position' | 'recordedAt' | 'data'
  >;
  return {
    ...metadata,
    eventId: record.eventId,
    type: record.type,
    streamId: record.streamId,
    revision: record.revision,
    position: record.position,
    recordedAt: record.recordedAt,
    data: record.data as Record<string, unknown>,
  };
}
