import { UnsupportedUpdate } from './errors.js';
import type { Document, IndexSpec, Update } from './port.js';

/** The update operators of the port; both adapters refuse the rest, so neither can drift. */
export const UPDATE_OPERATORS = [
  '$set',
  '$unset',
  '$inc',
  '$push',
  '$pull',
  '$addToSet',
  '$setOnInsert',
  '$max',
  '$min',
] as const;

export function assertSupportedUpdate(update: Update): void {
  const operators = Object.keys(update);
  if (operators.length === 0) throw new UnsupportedUpdate('an update needs at least one operator');
  for (const operator of operators) {
    if (!(UPDATE_OPERATORS as readonly string[]).includes(operator)) {
      throw new UnsupportedUpdate(`update operator ${operator} is not supported by the read store port`);
    }
  }
  // FerretDB silently ignores conditions in $pull (it only removes equal elements): refuse them.
  for (const [field, value] of Object.entries(update.$pull ?? {})) {
    if (isPlainObject(value) && Object.keys(value).some((k) => k.startsWith('$'))) {
      throw new UnsupportedUpdate(`$pull on ${field}: only whole values can be pulled, not conditions`);
    }
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

export function assertReplacement(document: Document): void {
  if (Object.keys(document).some((k) => k.startsWith('$'))) {
    throw new UnsupportedUpdate('a replacement document cannot contain update operators');
  }
}

/** MongoDB's default index name, e.g. `ward_1_bed_-1`, so both adapters name indexes alike. */
export function indexName(spec: IndexSpec): string {
  return (
    spec.name ??
    Object.entries(spec.keys)
      .map(([field, direction]) => `${field}_${direction}`)
      .join('_')
  );
}
