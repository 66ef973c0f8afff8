import type { Document, Filter } from '../port.js';
import { deepCopy, isPlainObject, setPath } from './copy.js';

/**
 * The document an upsert starts from when nothing matched, as MongoDB builds it: the filter's
 * equality conditions (`{a: 1}`, `{a: {$eq: 1}}`, inside `$and`), dotted paths made nested.
 * Range conditions such as a revision guard (`{revision: {$lt: 5}}`) contribute nothing.
 */
export function upsertSeed(filter: Filter): Document {
  const seed: Document = {};
  addEqualities(seed, filter);
  return seed;
}

function addEqualities(seed: Document, filter: Filter): void {
  for (const [field, condition] of Object.entries(filter)) {
    if (field === '$and' && Array.isArray(condition)) {
      for (const clause of condition) if (isPlainObject(clause)) addEqualities(seed, clause);
    } else if (field.startsWith('$')) {
      // $or, $nor, $expr…: no single value to seed.
    } else if (isOperatorExpression(condition)) {
      if ('$eq' in condition) setPath(seed, field, deepCopy(condition.$eq));
    } else if (typeof condition !== 'object' && !field.includes('.')) {
      // A plain field equal to a scalar (every `_id`): no path to walk, nothing to copy.
      seed[field] = condition;
    } else {
      setPath(seed, field, deepCopy(condition));
    }
  }
}

function isOperatorExpression(value: unknown): value is Record<string, unknown> {
  if (!isPlainObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k) => k.startsWith('$'));
}
