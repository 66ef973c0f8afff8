/**
 * Canonical JSON: RFC 8785, the JSON Canonicalization Scheme (JCS) — object keys sorted by UTF-16
 * code units, no whitespace, numbers and strings as ECMAScript's JSON.stringify writes them. The
 * same value always gives the same bytes, whichever process or language wrote it, so a hash over
 * it can be checked anywhere. canonical-json.jcs.test.ts proves it equal to an independent JCS
 * implementation. One extension: a lone surrogate (not I-JSON, so outside JCS) is written as
 * JSON.stringify escapes it, `\udxxx`, rather than refused, so an old event holding one still hashes.
 *
 * Only plain JSON values are accepted. Values JSON.stringify would quietly reshape (a Date becomes
 * a string, a Map becomes `{}`, bytes become an object of indices) are refused, because the hash
 * would then cover something other than what the store holds. As in JSON.stringify, an undefined
 * property is left out and an undefined array element (or a hole) is written as null.
 */
/** Objects JSON.stringify writes as something other than their own properties. */
const RESHAPED = [Date, Map, Set, WeakMap, WeakSet, RegExp, Number, String, Boolean, Promise, Error];

export function canonicalJson(value: unknown): string {
  return write(value, new Set());
}

function write(value: unknown, ancestors: Set<object>): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError('canonical JSON: non-finite number');
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') {
      throw new TypeError(`canonical JSON: ${typeof value} is not JSON`);
    }
    return JSON.stringify(value);
  }
  if (ancestors.has(value)) throw new TypeError('canonical JSON: circular structure');
  ancestors.add(value);
  try {
    if (Array.isArray(value)) {
      // Array.from visits holes too (map would skip them and write `[,1]`).
      return `[${Array.from(value, (v: unknown) => write(v === undefined ? null : v, ancestors)).join(',')}]`;
    }
    if (Buffer.isBuffer(value) || ArrayBuffer.isView(value)) {
      throw new TypeError('canonical JSON: bytes must be encoded first');
    }
    if (
      RESHAPED.some((kind) => value instanceof kind) ||
      typeof (value as { toJSON?: unknown }).toJSON === 'function'
    ) {
      throw new TypeError(`canonical JSON: a ${value.constructor?.name ?? 'value'} is not a plain JSON value`);
    }
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${write(v, ancestors)}`).join(',')}}`;
  } finally {
    ancestors.delete(value);
  }
}
