import type avsc from 'avsc';
import { toPlainJson } from './plain-json.js';

/** A value avsc read → the same value as plain JSON objects. */
export type PlainCopy = (value: unknown) => unknown;

const copies = new WeakMap<avsc.Type, PlainCopy>();
const keep: PlainCopy = (value) => value;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * `toPlainJson` for a value avsc read with `type` (and checked valid), compiled from the type
 * once: a record becomes an object literal of its fields in schema order (the order avsc's record
 * constructors assign them, so the same keys in the same order toPlainJson gives), and nothing
 * lists keys or tests classes per value. The Kafka decoder runs it on every message; toPlainJson
 * was ~9 % of the embedded projection's CPU. Whatever it does not compile (a map, a logical type,
 * a recursive record, a union of two object branches) goes through toPlainJson itself. Same
 * result as toPlainJson for every event version (avro-codec.test.ts).
 */
export function plainCopyOf(type: avsc.Type): PlainCopy {
  let copy = copies.get(type);
  if (!copy) {
    copy = compile(type, new Set()) ?? keep;
    copies.set(type, copy);
  }
  return copy;
}

/** undefined: avsc's value is plain already (a primitive, an enum symbol, bytes, an array of those). */
function compile(type: avsc.Type, visiting: Set<avsc.Type>): PlainCopy | undefined {
  const name = type.typeName;
  if (name === 'record') return compileRecord(type as avsc.types.RecordType, visiting);
  if (name === 'array') {
    const item = compile((type as avsc.types.ArrayType).itemsType, visiting);
    // avsc reads an array into a fresh plain Array nobody else holds.
    if (!item) return undefined;
    return (value) => {
      const array = value as unknown[];
      const out = new Array<unknown>(array.length);
      for (let i = 0; i < array.length; i++) out[i] = item(array[i]);
      return out;
    };
  }
  if (name === 'union:unwrapped') {
    const branches = (type as avsc.types.UnwrappedUnionType).types;
    const objects = branches.filter((b) => b.typeName === 'record' || b.typeName === 'map');
    const arrays = branches.filter((b) => b.typeName === 'array');
    if (objects.length > 1 || arrays.length > 1 || branches.some((b) => !known(b.typeName))) return toPlainJson;
    const object = objects[0] && (compile(objects[0], visiting) ?? keep);
    const array = arrays[0] && compile(arrays[0], visiting);
    if (!object && !array) return undefined;
    return (value) => {
      if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return value;
      if (Array.isArray(value)) return array ? array(value) : value;
      return object ? object(value) : toPlainJson(value);
    };
  }
  if (name === 'map' || !known(name)) return toPlainJson;
  return undefined;
}

function known(typeName: string): boolean {
  return [
    'null',
    'boolean',
    'int',
    'long',
    'float',
    'double',
    'string',
    'bytes',
    'fixed',
    'enum',
    'record',
    'array',
    'map',
    'union:unwrapped',
  ].includes(typeName);
}

function compileRecord(type: avsc.types.RecordType, visiting: Set<avsc.Type>): PlainCopy {
  const names = type.fields.map((field) => field.name);
  // A recursive record, or a field name that is no identifier (or `__proto__`, which a literal would
  // take for the prototype): toPlainJson.
  if (visiting.has(type) || names.some((n) => !NAME.test(n) || n === '__proto__')) return toPlainJson;
  visiting.add(type);
  const fieldCopies = type.fields.map((field) => compile(field.type, visiting));
  visiting.delete(type);
  const body = names.map((n, i) => (fieldCopies[i] ? `${n}: c${i}(v.${n})` : `${n}: v.${n}`)).join(', ');
  // A literal per record type: V8 builds it with its final shape at once.
  const make = new Function(
    ...fieldCopies.map((_, i) => `c${i}`),
    `return function plain(v) { return { ${body} }; };\n//# sourceURL=chartline/events/schema/plain-copy.generated.js`,
  );
  return make(...fieldCopies) as PlainCopy;
}
