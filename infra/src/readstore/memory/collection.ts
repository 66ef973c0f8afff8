import { Query } from 'mingo';
import { update as applyUpdate } from 'mingo/updater';
import { DuplicateKey, UnsupportedUpdate } from '../errors.js';
import { assertReplacement, assertSupportedUpdate } from '../operators.js';
import type { Document, Filter, FindOptions, IndexSpec, ReadCollection, Update, UpdateResult } from '../port.js';
import type { CollectionData } from './collection-data.js';
import { deepCopy, encodeKey, lend, ownCopy } from './copy.js';
import { compileFilter, pinnedId } from './fast-filter.js';
import { fastSet, setTopLevel, topLevelFields } from './fast-update.js';
import { upsertSeed } from './upsert-seed.js';

const NOTHING: UpdateResult = Object.freeze({ matched: 0, modified: 0, upserted: false });
const UNCHANGED: UpdateResult = Object.freeze({ matched: 1, modified: 0, upserted: false });
const MODIFIED: UpdateResult = Object.freeze({ matched: 1, modified: 1, upserted: false });
const UPSERTED: UpdateResult = Object.freeze({ matched: 0, modified: 0, upserted: true });

export interface UpdateIfOptions {
  readonly upsert?: boolean;
  /** Fields `$set` before the update's own `$set` fields (see `updateOneIf`). */
  readonly first?: Document;
  /** Fields `$set` after them. */
  readonly last?: Document;
}

/**
 * A collection of the in-memory read store, addressed by name like a MongoDB collection handle: it
 * exists once something is written to it, and a rename moves the data out from under old handles.
 */
export class MemoryCollection implements ReadCollection {
  constructor(
    readonly name: string,
    private readonly data: (create: boolean) => CollectionData | undefined,
  ) {}

  async find(filter: Filter, options: FindOptions = {}): Promise<Document[]> {
    if (!options.projection && !options.sort && !options.skip && pinnedId(filter) !== undefined) {
      return this.matching(filter, options.limit || undefined).map(idFirst);
    }
    const documents = [...(this.data(false)?.documents.values() ?? [])];
    let cursor = new Query(filter, {}).find<Document>(documents, options.projection);
    if (options.sort) cursor = cursor.sort(options.sort);
    if (options.skip) cursor = cursor.skip(options.skip);
    if (options.limit) cursor = cursor.limit(options.limit);
    return cursor.all().map(idFirst);
  }

  async findOne(filter: Filter): Promise<Document | null> {
    const id = onlyId(filter);
    if (id !== undefined) {
      // `{_id}` alone (every handler's read): the document itself, no filter to compile.
      const stored = this.data(false)?.documents.get(encodeKey(id));
      return stored ? idFirst(stored) : null;
    }
    return (await this.find(filter, { limit: 1 }))[0] ?? null;
  }

  /**
   * The stored document for `_id`, lent rather than copied: a frozen shallow copy holding the
   * stored values themselves, deeply frozen (`lend`), so nobody can change the store through it (a
   * write to it throws). A document holding a value `Object.freeze` cannot protect (a Date, an
   * ObjectId, a Buffer) is not frozen, and comes back as a deep copy.
   * Values are sealed when first lent, not when written: most documents a projection writes are
   * never read by a handler, and the values a new version shares with a lent old one are sealed
   * already.
   * For the projection runtime on the embedded store, where a handler reads a document on most
   * events; everyone else gets copies (`find`, `findOne`).
   */
  view(id: string | number): Readonly<Document> | null {
    const stored = this.data(false)?.documents.get(this.keyOfId(id));
    if (!stored) return null;
    return lend(stored) ?? idFirst(stored);
  }

  /**
   * `updateOne(filter, update, options)` for a filter that pins `_id` to `id`, with the rest of the
   * filter given also as `test`, a predicate of the stored document that answers without building
   * or compiling anything (undefined when it cannot tell: the filter decides). Same answers as
   * `updateOne`; for a caller that writes with the same filter shape on every event (the projection
   * runtime's position guard), which builds `filter` only when it is needed.
   * `options.first` and `options.last` are fields written as part of the update's `$set`, before and
   * after its own (as `$set: {...first, ...update.$set, ...last}`): the runtime's stamps, written
   * here without building that merge (a `$set`-only update of top-level fields takes no plan).
   */
  updateOneIf(
    id: string,
    test: (stored: Readonly<Document>) => boolean | undefined,
    filter: () => Filter,
    update: Update,
    options: UpdateIfOptions = {},
  ): UpdateResult {
    const { first, last } = options;
    // The merged update is built only for what the plain `$set` path cannot write (checked as
    // updateOne would); no closures here: this runs on every embedded projection write.
    const whole =
      onlySet(update) && (update.$set !== undefined || first || last) ? undefined : merge(update, first, last);
    const key = this.keyOfId(id);
    const stored = this.data(false)?.documents.get(key);
    if (stored && (test(stored) ?? compileFilter(filter())(stored))) {
      if (!options.upsert) return this.modifyStamped(stored, key, update, whole, first, last);
      try {
        return this.modifyStamped(stored, key, update, whole, first, last);
      } catch (error) {
        // As upsertCollision: another writer's key.
        if (error instanceof DuplicateKey) return NOTHING;
        throw error;
      }
    }
    if (!options.upsert) return NOTHING;
    if (whole === undefined) {
      const seed = upsertSeed(filter());
      const inserted = setTopLevel(seed, first, update.$set, last);
      // The seed's `_id` is the filter's: `id` itself (the key is known) unless the caller broke the contract.
      if (inserted !== undefined) return this.insertUpserted(inserted ?? seed, seed._id === id ? key : undefined);
    }
    return this.upsert(filter(), whole ?? merge(update, first, last));
  }

  /** `modify` of `updateOneIf`'s update: the plain `$set` path, else the merged update (`whole`). */
  private modifyStamped(
    stored: Document,
    key: string,
    update: Update,
    whole: Update | undefined,
    first: Document | undefined,
    last: Document | undefined,
  ): UpdateResult {
    if (whole === undefined) {
      const next = setTopLevel(stored, first, update.$set, last);
      if (next === null) return UNCHANGED;
      if (next !== undefined) {
        this.data(true)!.replace(stored, next, key);
        return MODIFIED;
      }
    }
    return this.modify(stored, whole ?? merge(update, first, last), key);
  }

  /** The map key of `_id` `id`; the last one is kept (a handler reads a document, then writes it). */
  private keyOfId(id: string | number): string {
    if (id !== this.lastId) {
      this.lastKey = encodeKey(id);
      this.lastId = id;
    }
    return this.lastKey;
  }
  private lastId: string | number | undefined;
  private lastKey = '';

  async count(filter: Filter): Promise<number> {
    return this.matching(filter).length;
  }

  async updateOne(filter: Filter, update: Update, options: { upsert?: boolean } = {}): Promise<UpdateResult> {
    assertSupportedUpdate(update);
    const [match] = this.matching(filter, 1);
    if (match)
      return options.upsert ? this.upsertCollision(() => this.modify(match, update)) : this.modify(match, update);
    if (!options.upsert) return NOTHING;
    return this.upsert(filter, update);
  }

  /** An upsert that matched nothing: the document the filter's equalities and the update make. */
  private upsert(filter: Filter, update: Update): UpdateResult {
    const { $setOnInsert, ...rest } = update;
    const document = upsertSeed(filter);
    const fast = topLevelFields($setOnInsert) ? fastSet(document, update) : undefined;
    if (fast !== undefined) {
      // What mingo's updater would build, without it (see fast-update.ts).
      const inserted = fast ?? document;
      for (const [field, value] of Object.entries($setOnInsert ?? {})) inserted[field] = ownCopy(value);
      return this.insertUpserted(inserted);
    }
    if (Object.keys(rest).length > 0) applyUpdate(document, deepCopy(rest));
    if ($setOnInsert) applyUpdate(document, { $set: deepCopy($setOnInsert) });
    return this.insertUpserted(document);
  }

  async updateMany(filter: Filter, update: Update): Promise<UpdateResult> {
    assertSupportedUpdate(update);
    const matches = this.matching(filter);
    let modified = 0;
    for (const match of matches) modified += this.modify(match, update).modified;
    return { matched: matches.length, modified, upserted: false };
  }

  async replaceOne(filter: Filter, replacement: Document, options: { upsert?: boolean } = {}): Promise<UpdateResult> {
    assertReplacement(replacement);
    const [match] = this.matching(filter, 1);
    if (match) {
      if (replacement._id !== undefined && encodeKey(replacement._id) !== encodeKey(match._id)) {
        throw new UnsupportedUpdate('a replacement cannot change _id');
      }
      const next = { _id: match._id, ...ownCopy(replacement) };
      if (encodeKey(next) === encodeKey(match)) return { matched: 1, modified: 0, upserted: false };
      const replace = (): UpdateResult => {
        this.data(true)!.replace(match, next);
        return { matched: 1, modified: 1, upserted: false };
      };
      return options.upsert ? this.upsertCollision(replace) : replace();
    }
    if (!options.upsert) return NOTHING;
    const seed = upsertSeed(filter);
    return this.insertUpserted({ ...(seed._id === undefined ? {} : { _id: seed._id }), ...ownCopy(replacement) });
  }

  async insertOne(document: Document): Promise<boolean> {
    try {
      this.data(true)!.insert(ownCopy(document));
      return true;
    } catch (error) {
      if (error instanceof DuplicateKey) return false;
      throw error;
    }
  }

  async insertMany(documents: readonly Document[]): Promise<void> {
    let duplicate: DuplicateKey | undefined;
    for (const document of documents) {
      try {
        this.data(true)!.insert(ownCopy(document));
      } catch (error) {
        if (!(error instanceof DuplicateKey)) throw error;
        duplicate ??= error;
      }
    }
    if (duplicate) throw duplicate;
  }

  async deleteMany(filter: Filter): Promise<number> {
    const matches = this.matching(filter);
    const data = this.data(false);
    for (const match of matches) data?.remove(match);
    return matches.length;
  }

  async createIndexes(indexes: readonly IndexSpec[]): Promise<void> {
    const data = this.data(true)!;
    for (const index of indexes) data.createIndex(index);
  }

  /**
   * The stored documents (not copies) that match, in natural order. A filter pinning one `_id` (every
   * projection write) looks that document up instead of scanning the collection.
   */
  private matching(filter: Filter, limit?: number): Document[] {
    const data = this.data(false);
    const id = pinnedId(filter);
    let documents: Iterable<Document>;
    if (id === undefined) documents = [...(data?.documents.values() ?? [])];
    else {
      const pinned = data?.documents.get(encodeKey(id));
      // Nothing to test (an upsert's insert: most projection writes), or nothing but the `_id`.
      if (!pinned) return [];
      if (onlyId(filter) !== undefined) return [pinned];
      documents = [pinned];
    }
    const test = compileFilter(filter);
    const found: Document[] = [];
    for (const document of documents) {
      if (test(document)) found.push(document);
      if (limit !== undefined && found.length >= limit) break;
    }
    return found;
  }

  /** `key`: `encodeKey(stored._id)`, when the caller has it already. */
  private modify(stored: Document, update: Update, key?: string): UpdateResult {
    const { $setOnInsert: _onlyOnInsert, ...rest } = update;
    if (Object.keys(rest).length === 0) return { matched: 1, modified: 0, upserted: false };
    const fast = fastSet(stored, update);
    if (fast !== undefined) {
      if (fast === null) return { matched: 1, modified: 0, upserted: false };
      this.data(true)!.replace(stored, fast, key);
      return { matched: 1, modified: 1, upserted: false };
    }
    const next = deepCopy(stored);
    const changed = applyUpdate(next, deepCopy(rest));
    if (changed.length === 0) return { matched: 1, modified: 0, upserted: false };
    if (encodeKey(next._id) !== encodeKey(stored._id)) throw new UnsupportedUpdate('an update cannot change _id');
    this.data(true)!.replace(stored, next);
    return { matched: 1, modified: 1, upserted: false };
  }

  /** An upsert's insert; losing to an existing key means another writer got there first. */
  private insertUpserted(document: Document, key?: string): UpdateResult {
    try {
      this.data(true)!.insert(document, key);
      return UPSERTED;
    } catch (error) {
      // As upsertCollision: another writer got there first.
      if (error instanceof DuplicateKey) return NOTHING;
      throw error;
    }
  }

  /** As on MongoDB, where the error cannot tell an upsert's insert from its update: matched 0. */
  private upsertCollision(write: () => UpdateResult): UpdateResult {
    try {
      return write();
    } catch (error) {
      if (error instanceof DuplicateKey) return NOTHING;
      throw error;
    }
  }
}

/** A filter of nothing but a plain `_id` equality: the id. */
function onlyId(filter: Filter): string | number | undefined {
  const id = pinnedId(filter);
  if (id === undefined) return undefined;
  for (const field in filter) if (field !== '_id') return undefined;
  return id;
}

/** MongoDB returns _id first; and callers get copies, never the stored objects. */
function idFirst(document: Document): Document {
  // Stored documents already have _id first (CollectionData.insert puts it there, updates keep
  // the order): one copy, not a copy and two spreads.
  for (const first in document) {
    if (first === '_id') return deepCopy(document);
    break;
  }
  const { _id, ...fields } = deepCopy(document);
  return _id === undefined ? fields : { _id, ...fields };
}

/** Nothing but `$set` (or no operator at all: the stamps alone). */
function onlySet(update: Update): boolean {
  for (const operator in update) if (operator !== '$set') return false;
  return true;
}

/**
 * `update` with `$set: {...first, ...update.$set, ...last}` (in the update's operator order; `$set`
 * last when it had none), checked as updateOne checks an update. Copied field by field: a spread
 * after another is a slow runtime call in V8.
 */
function merge(update: Update, first: Document | undefined, last: Document | undefined): Update {
  let whole = update;
  if (first !== undefined || last !== undefined) {
    const set: Document = {};
    if (first !== undefined) for (const field in first) set[field] = first[field];
    const fields = update.$set;
    if (fields !== undefined) for (const field in fields) set[field] = fields[field];
    if (last !== undefined) for (const field in last) set[field] = last[field];
    whole = { $set: set };
    for (const operator in update) {
      if (operator === '$set') continue;
      whole = { ...update, $set: set };
      break;
    }
  }
  assertSupportedUpdate(whole);
  return whole;
}
