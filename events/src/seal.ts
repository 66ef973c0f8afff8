import { type AnyEventDefinition, catalogue as defaultCatalogue, type EventCatalogue } from './catalogue.js';
import { CHAIN_VERSION, RECORDED_AT, sealHashed } from './chain/hash-chain.js';
import type { PendingEvent } from './codec/json-codec.js';
import type { HashedFields } from './envelope.js';
import { InvalidEnvelope } from './errors.js';
import { normaliseEventData } from './schema/validate.js';

/**
 * What the write side calls after a decision: checks the data against its schema version,
 * normalises it (every field written out, as both codecs will carry it) and adds the hash under
 * the current chain version. `recordedAt` is the writer's clock just before the append, in
 * `toISOString()` form (the stores keep it to the millisecond, so the hash still verifies).
 * The result goes to `toEventToAppend` unchanged. Throws EventDataMismatch naming the fields, or
 * InvalidEnvelope for a recordedAt of another form.
 */
export function sealEvent(
  fields: Omit<HashedFields<Record<string, unknown>>, 'chainVersion'>,
  catalogue: EventCatalogue = defaultCatalogue,
): PendingEvent {
  if (!RECORDED_AT.test(fields.recordedAt)) throw new InvalidEnvelope(fields.type, ['recordedAt']);
  const definition: AnyEventDefinition = catalogue.get(fields.type);
  const data = normaliseEventData(definition, fields.schemaVersion, fields.data);
  return sealHashed({ ...fields, chainVersion: CHAIN_VERSION, traceparent: fields.traceparent ?? null, data });
}
