import { type AnyEventDefinition, catalogue as defaultCatalogue, type EventCatalogue } from '../catalogue.js';
import type { EventEnvelope } from '../envelope.js';
import { MalformedStoredEvent } from '../errors.js';
import { upcast } from '../schema/upcast.js';
import { assertEventData } from '../schema/validate.js';
import type { DecodedEvent } from './decoded-event.js';
import { assertEnvelope } from './envelope-check.js';

/**
 * The event store's JSON shape, declared here rather than imported so `@chartline/events` never
 * depends on infra. Structurally the same as infra's `EventToAppend` / `RecordedEvent`.
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
type JsonObject = { readonly [key: string]: JsonValue };

export interface StoreEventToAppend {
  readonly eventId: string;
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata: JsonObject;
  /** The writer's recordedAt (chain version 2), which the store keeps instead of its own clock. */
  readonly recordedAt?: string;
}

export interface StoreRecordedEvent extends StoreEventToAppend {
  readonly streamId: string;
  readonly revision: number;
  readonly position: number;
  readonly recordedAt: string;
}

/** An envelope before the store has recorded it: what the writer seals and appends. */
export type PendingEvent<D = Record<string, unknown>> = Omit<EventEnvelope<D>, 'position'>;

/**
 * Envelope → the store's append shape. `data` stays a readable JSON object (an auditor reads it
 * with psql); everything else the writer knows goes in `metadata`. The stream id and revision are
 * the append's own (the caller passes the stream and expects `revision - 1`), which is how the
 * store's revision comes to equal the one the hash covers; likewise `recordedAt` goes to the
 * store's own column (chain version 2 hashes it, so a store clock must not replace it). Throws InvalidEnvelope or
 * EventDataMismatch (naming the fields), UnknownEventType or UnknownSchemaVersion.
 */
export function toEventToAppend(event: PendingEvent, catalogue: EventCatalogue = defaultCatalogue): StoreEventToAppend {
  assertEnvelope(event, false);
  const definition = catalogue.get(event.type);
  catalogue.schemaOf(event.type, event.schemaVersion);
  assertEventData(definition, event.schemaVersion, event.data);
  return {
    eventId: event.eventId,
    type: event.type,
    data: event.data as JsonObject,
    recordedAt: event.recordedAt,
    metadata: {
      schemaVersion: event.schemaVersion,
      hospitalId: event.hospitalId,
      occurredAt: event.occurredAt,
      actor: { id: event.actor.id, role: event.actor.role },
      correlationId: event.correlationId,
      causationId: event.causationId,
      traceparent: event.traceparent ?? null,
      prevHash: event.prevHash,
      hash: event.hash,
      chainVersion: event.chainVersion,
    },
  };
}

function text(rec: StoreRecordedEvent, field: string, value: JsonValue | undefined): string {
  if (typeof value !== 'string') throw new MalformedStoredEvent(rec.eventId, field);
  return value;
}

/**
 * A recorded event → its envelope, exactly as stored (no catalogue needed, so an auditor can
 * verify the chain of events it has no schema for). Throws MalformedStoredEvent naming the field.
 */
export function envelopeFromRecorded(rec: StoreRecordedEvent): EventEnvelope {
  const m = rec.metadata;
  const actor = m['actor'];
  if (actor === null || typeof actor !== 'object' || Array.isArray(actor)) {
    throw new MalformedStoredEvent(rec.eventId, 'actor');
  }
  const schemaVersion = m['schemaVersion'];
  if (typeof schemaVersion !== 'number' || !Number.isSafeInteger(schemaVersion)) {
    throw new MalformedStoredEvent(rec.eventId, 'schemaVersion');
  }
  // Events written before chain versions were recorded are version 1.
  const chainVersion = m['chainVersion'] ?? 1;
  if (typeof chainVersion !== 'number' || !Number.isSafeInteger(chainVersion)) {
    throw new MalformedStoredEvent(rec.eventId, 'chainVersion');
  }
  const traceparent = m['traceparent'] ?? null;
  if (traceparent !== null && typeof traceparent !== 'string')
    throw new MalformedStoredEvent(rec.eventId, 'traceparent');
  if (rec.data === null || typeof rec.data !== 'object' || Array.isArray(rec.data)) {
    throw new MalformedStoredEvent(rec.eventId, 'data');
  }
  return {
    eventId: rec.eventId,
    type: rec.type,
    schemaVersion,
    streamId: rec.streamId,
    revision: rec.revision,
    position: rec.position,
    hospitalId: text(rec, 'hospitalId', m['hospitalId']),
    occurredAt: text(rec, 'occurredAt', m['occurredAt']),
    recordedAt: rec.recordedAt,
    actor: { id: text(rec, 'actor.id', actor['id']), role: text(rec, 'actor.role', actor['role']) },
    correlationId: text(rec, 'correlationId', m['correlationId']),
    causationId: text(rec, 'causationId', m['causationId']),
    traceparent,
    prevHash: text(rec, 'prevHash', m['prevHash']),
    hash: text(rec, 'hash', m['hash']),
    chainVersion,
    data: rec.data as Record<string, unknown>,
  };
}

/**
 * A recorded event → its envelope as stored plus its data lifted to the current version. Throws
 * MalformedStoredEvent, UnknownEventType (a module this reader does not know: skip it or park
 * it), UnknownSchemaVersion, or EventDataMismatch when the stored data does not fit its schema.
 */
export function decodeRecorded(rec: StoreRecordedEvent, catalogue: EventCatalogue = defaultCatalogue): DecodedEvent {
  const envelope = envelopeFromRecorded(rec);
  const definition: AnyEventDefinition = catalogue.get(envelope.type);
  catalogue.schemaOf(envelope.type, envelope.schemaVersion);
  return { envelope, data: upcast(definition, envelope.schemaVersion, envelope.data), definition };
}
