import avsc from 'avsc';
import type { AvroRecordSchema } from './avro-types.js';

/**
 * avsc types, parsed once per schema object. Unions are never wrapped, so values read back have the
 * shape `AvroToTs` derives (`'x'`, not `{ string: 'x' }`); the price is that a union may not hold
 * two branches of the same JSON kind (two records, or string and enum), which avsc refuses loudly.
 */
const cache = new WeakMap<object, avsc.Type>();

export function avroTypeOf(schema: AvroRecordSchema): avsc.Type {
  let type = cache.get(schema);
  if (!type) {
    type = avsc.Type.forSchema(schema as unknown as avsc.Schema, { wrapUnions: 'never' });
    cache.set(schema, type);
  }
  return type;
}
