import { EventDataMismatch } from '../errors.js';
import { avroTypeOf } from './avro-type.js';
import type { AvroRecordSchema } from './avro-types.js';
import { firstJsonDifference, toPlainJson } from './plain-json.js';

interface Versioned {
  readonly type: string;
  readonly versions: readonly AvroRecordSchema[];
}

function schemaAt(definition: Versioned, version: number): AvroRecordSchema {
  const schema = Number.isInteger(version) ? definition.versions[version - 1] : undefined;
  if (!schema) throw new EventDataMismatch(definition.type, version, [''], 'has no such schema version');
  return schema;
}

/** Checks `data` against the version's schema (omitted defaults allowed); throws EventDataMismatch naming the fields. */
export function assertValidEventData(definition: Versioned, version: number, data: unknown): void {
  const type = avroTypeOf(schemaAt(definition, version));
  const paths: string[] = [];
  if (!type.isValid(data, { errorHook: (path) => paths.push(path.join('.')) })) {
    throw new EventDataMismatch(definition.type, version, paths.length ? paths : ['']);
  }
}

/**
 * The data as the schema reads it back: every field written out (defaults filled in), in schema
 * order, as plain JSON. Write this, so the JSON in the store and the Avro on Kafka carry the same
 * value and the hash over it verifies on either side. Throws EventDataMismatch naming the fields.
 */
export function normaliseEventData(definition: Versioned, version: number, data: unknown): Record<string, unknown> {
  assertValidEventData(definition, version, data);
  const type = avroTypeOf(schemaAt(definition, version));
  return toPlainJson(type.fromBuffer(type.toBuffer(data))) as Record<string, unknown>;
}

/**
 * Checks that `data` is valid for the version and already normalised: no undeclared field, no
 * omitted default, nothing Avro would round (a float's extra digits) and nothing JSON cannot hold.
 * The codecs call it before writing, so a bad event never reaches the store or Kafka.
 */
export function assertEventData(definition: Versioned, version: number, data: unknown): void {
  const normalised = normaliseEventData(definition, version, data);
  const diff = firstJsonDifference(data, normalised);
  if (diff !== null) {
    throw new EventDataMismatch(
      definition.type,
      version,
      [diff],
      'is not written as its schema reads it back (undeclared field, omitted default, lost precision or not JSON)',
    );
  }
}
