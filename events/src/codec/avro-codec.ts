import { catalogue as defaultCatalogue, type EventCatalogue } from '../catalogue.js';
import type { EventEnvelope } from '../envelope.js';
import { MalformedAvro, TruncatedMessage, UnknownSchemaFingerprint } from '../errors.js';
import { plainCopyOf } from '../schema/plain-copy.js';
import { avroRegistryOf } from '../schema/registry.js';
import { upcast } from '../schema/upcast.js';
import { assertEventData } from '../schema/validate.js';
import type { DecodedEvent } from './decoded-event.js';
import { assertEnvelope } from './envelope-check.js';
import { frameSingleObject, unframeSingleObject } from './single-object.js';

/**
 * Envelope → Kafka value bytes, in Avro single-object encoding with the schema of the envelope's
 * own `schemaVersion` (never upcast first: the relay forwards what was stored, hash and all).
 * Throws InvalidEnvelope or EventDataMismatch naming the fields, UnknownEventType or
 * UnknownSchemaVersion.
 */
export function encodeForKafka(envelope: EventEnvelope, catalogue: EventCatalogue = defaultCatalogue): Buffer {
  assertEnvelope(envelope, true);
  const entry = avroRegistryOf(catalogue).entry(envelope.type, envelope.schemaVersion);
  assertEventData(entry.definition, entry.version, envelope.data);
  const value = { ...envelope, traceparent: envelope.traceparent ?? null, chainVersion: envelope.chainVersion ?? 1 };
  return frameSingleObject(entry.fingerprint, entry.type.toBuffer(value));
}

/**
 * Kafka value bytes → the envelope as written plus its data lifted to the current version.
 * Every failure is typed, and none returns a wrong object: NotSingleObjectEncoded,
 * TruncatedMessage, UnknownSchemaFingerprint, MalformedAvro (bad body, bytes left over, or a body
 * that claims another type or version than its fingerprint).
 */
export function decodeFromKafka(bytes: Uint8Array, catalogue: EventCatalogue = defaultCatalogue): DecodedEvent {
  const { fingerprint, body } = unframeSingleObject(bytes);
  const entry = avroRegistryOf(catalogue).byFingerprint(fingerprint);
  if (!entry) throw new UnknownSchemaFingerprint(fingerprint.toString('hex'));
  let value: unknown;
  try {
    value = entry.resolver ? entry.type.fromBuffer(body, entry.resolver) : entry.type.fromBuffer(body);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (reason === 'truncated buffer')
      throw new TruncatedMessage(`${entry.definition.type} v${entry.version}: body ends early`);
    throw new MalformedAvro(`${entry.definition.type} v${entry.version}: ${reason}`);
  }
  // avsc reads some corruptions (an enum index out of range) as undefined instead of failing.
  if (!entry.type.isValid(value))
    throw new MalformedAvro(`${entry.definition.type} v${entry.version}: body holds invalid values`);
  const envelope = plainCopyOf(entry.type)(value) as EventEnvelope;
  if (envelope.type !== entry.definition.type || envelope.schemaVersion !== entry.version) {
    throw new MalformedAvro(
      `body claims another type or version than its fingerprint (${entry.definition.type} v${entry.version})`,
    );
  }
  // The body's data was checked above with the rest of it (the envelope's `data` field has the
  // version's own data schema): upcast does not check current data again.
  return {
    envelope,
    data: upcast(entry.definition, entry.version, envelope.data, true),
    definition: entry.definition,
  };
}
