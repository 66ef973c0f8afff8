import { createHash } from 'node:crypto';
import { badRequest, type Document, type Filter, type ReadCollection } from '@chartline/infra';
import { z } from 'zod';
import { PAGE_SIZE_DEFAULT } from './inputs.js';

/**
 * Keyset pagination: a page ends at a (sort value, _id) pair, and the next page starts strictly
 * after it, so inserts and deletes between pages never skip or repeat a row the way skip/limit
 * would. The cursor is opaque (base64url JSON) and bound to the query it came from: a cursor
 * replayed against another filter, sort or hospital is refused with 400.
 */

const cursorShape = z.strictObject({
  q: z.string().length(16),
  v: z.union([z.string().max(256), z.number()]),
  id: z.string().max(256),
});
type Cursor = z.infer<typeof cursorShape>;

export interface PageRequest {
  readonly filter: Filter;
  /** A whitelisted field that is never null in the collection. */
  readonly sortField: string;
  readonly order: 'asc' | 'desc';
  readonly limit?: number | undefined;
  readonly cursor?: string | undefined;
}

export interface Page {
  readonly items: Document[];
  readonly nextCursor: string | null;
}

const queryKey = (request: PageRequest) =>
  createHash('sha256')
    .update(JSON.stringify([request.filter, request.sortField, request.order]))
    .digest('base64url')
    .slice(0, 16);

function decode(cursor: string, key: string): Cursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const result = cursorShape.safeParse(parsed);
  if (!result.success || result.data.q !== key) {
    throw badRequest('invalid-cursor', 'The cursor is malformed or belongs to another query.', [
      { field: 'query.cursor', message: 'Invalid' },
    ]);
  }
  return result.data;
}

const encode = (cursor: Cursor) => Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');

export async function findPage(collection: ReadCollection, request: PageRequest): Promise<Page> {
  const key = queryKey(request);
  const limit = request.limit && request.limit > 0 ? request.limit : PAGE_SIZE_DEFAULT;
  const dir = request.order === 'desc' ? -1 : 1;
  const past = request.order === 'desc' ? '$lt' : '$gt';
  let filter = request.filter;
  if (request.cursor) {
    const { v, id } = decode(request.cursor, key);
    filter = {
      $and: [
        request.filter,
        { $or: [{ [request.sortField]: { [past]: v } }, { [request.sortField]: v, _id: { [past]: id } }] },
      ],
    };
  }
  const rows = await collection.find(filter, { sort: { [request.sortField]: dir, _id: dir }, limit: limit + 1 });
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  const more = rows.length > limit && last !== undefined;
  const lastValue = last?.[request.sortField];
  return {
    items,
    nextCursor:
      more && (typeof lastValue === 'string' || typeof lastValue === 'number')
        ? encode({ q: key, v: lastValue, id: String(last['_id']) })
        : null,
  };
}
