import { type AnyEventDefinition, catalogue as defaultCatalogue, type EventCatalogue } from './catalogue.js';
import { sealHashed } from './chain/hash-chain.js';
import type { PendingEvent } from './codec/json-codec.js';
import type { HashedFields } from './envelope.js';
import { normaliseEventData } from './schema/validate.js';

/**
 * What the write side calls after a decision: checks the data against its schema version,
 * normalises it (every field written out, as both codecs will carry it) and adds the hash. The
 * result goes to `toEventToAppend` unchanged. Throws EventDataMismatch naming the fields.
 */
export function sealEvent(
  fields: HashedFields<Record<string, unknown>>,
  catalogue: EventCatalogue = defaultCatalogue,
): PendingEvent {
  const definition: AnyEventDefinition = catalogue.get(fields.type);
  const data = normaliseEventData(definition, fields.schemaVersion, fields.data);
  return sealHashed({ ...fields, traceparent: fields.traceparent ?? null, data });
}
