import type { AnyEventDefinition } from '../catalogue.js';
import { UnknownSchemaVersion } from '../errors.js';
import { assertValidEventData, normaliseEventData } from './validate.js';

/**
 * Lifts data written at `fromVersion` to the current version by running the upcasters in order
 * (v1 → v2 → … → current). The result is normalised against the current schema (defaults filled
 * in), so a wrong upcaster fails here, naming the field, instead of inside a projection. Current
 * data is checked and returned as it is.
 */
export function upcast(
  definition: AnyEventDefinition,
  fromVersion: number,
  data: Record<string, unknown>,
  /**
   * True when `data` was already checked against `fromVersion`'s schema (an Avro body the Kafka
   * decoder checked whole, envelope and data, with `isValid`): current data is then not checked a
   * second time. Data of an older version is still normalised (and so checked) before upcasting.
   */
  checked = false,
): Record<string, unknown> {
  if (!Number.isInteger(fromVersion) || fromVersion < 1 || fromVersion > definition.currentVersion) {
    throw new UnknownSchemaVersion(definition.type, fromVersion);
  }
  if (fromVersion === definition.currentVersion) {
    // The hot path (almost every event is current): check, but skip the normalising round trip.
    if (!checked) assertValidEventData(definition, fromVersion, data);
    return data;
  }
  // Checked against its own version first, so an upcaster never runs on data it was not written for.
  let lifted = normaliseEventData(definition, fromVersion, data);
  for (let version = fromVersion; version < definition.currentVersion; version++) {
    const step = definition.upcasters[version - 1];
    if (!step) throw new UnknownSchemaVersion(definition.type, version + 1);
    lifted = step(lifted);
  }
  return normaliseEventData(definition, definition.currentVersion, lifted);
}
