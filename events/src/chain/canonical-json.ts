/**
 * Canonical JSON (the shape of RFC 8785): object keys sorted by UTF-16 code units, no whitespace,
 * numbers and strings as JSON.stringify writes them. The same value always gives the same bytes,
 * whichever process or language wrote it, so a hash over it can be checked anywhere.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError('canonical JSON: non-finite number');
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') {
      throw new TypeError(`canonical JSON: ${typeof value} is not JSON`);
    }
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  if (Buffer.isBuffer(value) || ArrayBuffer.isView(value))
    throw new TypeError('canonical JSON: bytes must be encoded first');
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
