import { ObjectId } from 'mongodb';

/**
 * A deep copy that keeps the BSON-ish values a projection stores (Date, ObjectId, Buffer) as what
 * they are. structuredClone would turn an ObjectId into a plain object.
 */
export function deepCopy<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(deepCopy) as T;
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (value instanceof ObjectId) return new ObjectId(value.toHexString()) as T;
  if (Buffer.isBuffer(value)) return Buffer.from(value) as T;
  if (isPlainObject(value)) {
    const copy: Record<string, unknown> = {};
    // for…in: a plain object's prototype (Object.prototype or null) has no enumerable keys, and
    // it allocates no [key, value] pairs (copies were a tenth of the embedded projection's CPU).
    for (const k in value) copy[k] = deepCopy(value[k]);
    return copy as T;
  }
  // Other class instances (bson Long, Decimal128) are immutable values.
  return value;
}

/**
 * Values the store owns and has frozen, all the way down (plain objects, arrays and primitives
 * only). Such a value can never change, so a stored document may share it with another, a write
 * may keep it as it is instead of copying it (see `ownCopy`), and the projection runtime may be
 * lent a stored document's values without copying them (`lend`).
 * The mark is a private field added to the object itself just before it is frozen (a class whose
 * base constructor returns the object it is given): invisible to keys, spread, JSON and equality,
 * and tested with `#sealed in`. A WeakSet did the same at ~0.5 µs an insertion plus work for the
 * garbage collector on every cycle (sealing was 6 % of the embedded projection's CPU).
 */
class SealMark extends (function theObjectItself(value: object) {
  return value;
} as unknown as new (
  value: object,
) => object) {
  #sealed = true;
  static add(value: object): void {
    new SealMark(value);
  }
  static has(value: object): boolean {
    return #sealed in value;
  }
}

/**
 * Freezes a value the store owns, deeply, and marks it sealed; parts
 * already sealed (shared with the previous version of a document) are not walked again. A value
 * holding anything but plain objects, arrays and primitives (a Date, an ObjectId, a Buffer, whose
 * contents `Object.freeze` does not protect) is left unfrozen and unsealed, and is copied on every
 * read as before. True when the value is sealed.
 */
export function seal(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true;
  if (SealMark.has(value)) return true;
  let sealable = true;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!seal(value[i])) sealable = false;
  } else if (isPlainObject(value)) {
    for (const k in value) if (!seal(value[k])) sealable = false;
  } else return false;
  if (sealable) {
    SealMark.add(value);
    Object.freeze(value);
  }
  return sealable;
}

/**
 * A stored document as the projection runtime is lent it: a frozen shallow copy whose values are
 * the stored ones, sealed (so nothing reachable from it can change). The stored document itself
 * stays unfrozen: a write copies it to make the next version, and V8 copies a frozen object ~10x
 * slower than another (spread or loop alike), on every write that follows a read. Undefined when a
 * value cannot be sealed (a Date, an ObjectId, a Buffer): the caller copies the whole document.
 */
export function lend(document: Record<string, unknown>): Readonly<Record<string, unknown>> | undefined {
  for (const k in document) if (!seal(document[k])) return undefined;
  return Object.freeze({ ...document });
}

/** True for a value `seal` froze: it can be shared and never copied. */
export function isSealed(value: unknown): boolean {
  return value !== null && typeof value === 'object' && SealMark.has(value);
}

/**
 * A copy of a value the store is about to own (a write's value, an inserted document): as
 * `deepCopy`, except that sealed parts (taken from a document the store lent out frozen) are kept
 * as they are, since nobody can change them. What callers get back is always a `deepCopy`.
 */
export function ownCopy<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (SealMark.has(value)) return value;
  if (Array.isArray(value)) return value.map(ownCopy) as T;
  if (isPlainObject(value)) {
    const copy: Record<string, unknown> = {};
    for (const k in value) copy[k] = ownCopy(value[k]);
    return copy as T;
  }
  return deepCopy(value);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * A string that is equal for two values exactly when MongoDB would index them as the same key
 * (field order of embedded documents counts, as it does in BSON). Missing counts as null.
 */
export function encodeKey(value: unknown): string {
  // Nearly every key is a string _id: answered before the class checks.
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined || value === null) return 'null';
  if (value instanceof ObjectId) return `oid(${value.toHexString()})`;
  if (value instanceof Date) return `date(${value.toISOString()})`;
  if (Buffer.isBuffer(value)) return `bin(${value.toString('base64')})`;
  if (Array.isArray(value)) return `[${value.map(encodeKey).join(',')}]`;
  if (isPlainObject(value)) {
    return `{${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}:${encodeKey(v)}`)
      .join(',')}}`;
  }
  if (typeof value === 'number' || typeof value === 'bigint') return `n(${String(value)})`;
  return JSON.stringify(value) ?? String(value);
}

/** Reads a dotted path (`bed.ward`) from a document. */
export function getPath(document: Record<string, unknown>, path: string): unknown {
  let current: unknown = document;
  for (const part of path.split('.')) {
    if (!isPlainObject(current)) return undefined;
    current = current[part];
  }
  return current;
}

/** Writes a dotted path, creating the embedded documents on the way. */
export function setPath(document: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let current = document;
  for (const part of parts.slice(0, -1)) {
    const next = current[part];
    if (isPlainObject(next)) current = next;
    else {
      const created: Record<string, unknown> = {};
      current[part] = created;
      current = created;
    }
  }
  current[parts[parts.length - 1]!] = value;
}
