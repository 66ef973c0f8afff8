import type { Document } from '@chartline/infra';
import { BOOKKEEPING_FIELDS } from '@chartline/kernel';

const INTERNAL: readonly string[] = BOOKKEEPING_FIELDS;

/** A stored document without the projection's bookkeeping (`_id`, `position`). */
export function publicFields(doc: Document): Document {
  const out: Document = {};
  for (const [key, value] of Object.entries(doc)) if (!INTERNAL.includes(key)) out[key] = value;
  return out;
}
