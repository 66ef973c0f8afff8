/**
 * Turns what avsc reads (record class instances) into plain JSON objects, so decoded data deep-
 * equals what the writer wrote and hashes the same.
 */
export function toPlainJson(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return value;
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = toPlainJson(value[i]);
    return out;
  }
  // A loop, not Object.fromEntries(entries.map): every event the projector reads passes here.
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const plain = toPlainJson((value as Record<string, unknown>)[key]);
    // An Avro map may hold the key "__proto__"; assigning it would set the prototype instead.
    if (key === '__proto__')
      Object.defineProperty(out, key, { value: plain, enumerable: true, writable: true, configurable: true });
    else out[key] = plain;
  }
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Path (`a.b.0`) of the first place where `actual` differs from `expected` as JSON, or null when
 * they are the same JSON value. Anything that is not JSON in `actual` (bytes, undefined, a Date)
 * counts as a difference: the event store could not hold it.
 */
export function firstJsonDifference(actual: unknown, expected: unknown, path: readonly string[] = []): string | null {
  const here = path.join('.');
  if (Array.isArray(actual)) {
    if (!Array.isArray(expected) || actual.length !== expected.length) return here;
    for (let i = 0; i < actual.length; i++) {
      const diff = firstJsonDifference(actual[i], expected[i], [...path, String(i)]);
      if (diff !== null) return diff;
    }
    return null;
  }
  if (isPlainObject(actual)) {
    if (!isPlainObject(expected)) return here;
    const keys = new Set([...Object.keys(actual), ...Object.keys(expected)]);
    for (const key of [...keys].sort()) {
      const diff = firstJsonDifference(actual[key], expected[key], [...path, key]);
      if (diff !== null) return diff;
    }
    return null;
  }
  const scalar = actual === null || ['string', 'boolean'].includes(typeof actual);
  const finite = typeof actual === 'number' && Number.isFinite(actual);
  if (!(scalar || finite) || !Object.is(actual === 0 ? 0 : actual, expected === 0 ? 0 : expected)) return here;
  return null;
}
