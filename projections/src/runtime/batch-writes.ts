import {
  type Document,
  DuplicateKey,
  type Filter,
  type FindOptions,
  type IndexSpec,
  MemoryCollection,
  MemoryReadStore,
  type ReadCollection,
  type ReadStore,
  type Update,
  type UpdateResult,
} from '@chartline/infra';

/** One write a handler asked for, kept so it can be replayed as asked if the short cut fails. */
interface Write {
  readonly filter: Filter;
  readonly update: Update;
  readonly upsert: boolean;
}

/** A document the batch has touched: how it was when loaded, and the writes since. */
interface Touched {
  loaded: Promise<void>;
  existed: boolean;
  /** Its `position` when loaded (absent when it had none): the compare-and-swap's expectation. */
  position: unknown;
  dirty: boolean;
  writes: Write[];
}

/** Writes in flight at once when a batch is flushed. */
const FLUSH_CONCURRENCY = 8;
/** Documents per bulk insert of a rebuild. */
const FRESH_INSERT_CHUNK = 1_000;

/**
 * A batch's writes, applied first to an in-memory copy of the documents they touch and written to
 * the read store once per document when the batch commits. Why: on FerretDB's SQLite backend only a
 * bare `{_id}` filter is pushed down to SQLite; every guarded update (`{_id, $or: [position…]}`)
 * scans the collection in Go, so one write per event made projection O(events × documents).
 *
 * Exactness is kept as follows. Each touched document is loaded once by `{_id}` (fast); the handlers'
 * guarded updates run against that copy with the memory adapter's semantics (the read-store contract
 * suite holds it to MongoDB's and FerretDB's), so a handler reading a document sees the batch's
 * earlier writes. At flush, a document that did not exist is inserted only if still absent
 * (a plain insert, also fast; a `$setOnInsert` upsert would lose null and [] values on FerretDB); one that existed is replaced only if its position is
 * still the one loaded (compare-and-swap). If either check fails, another writer (a rebuild's
 * catch-up, a consumer that lost its partition) got there meanwhile, and the document's writes are
 * replayed as the handlers asked, each under its own guard, exactly as without batching. A replayed
 * event changes nothing in memory, so it writes nothing at all.
 */
export class BatchWrites {
  private readonly memory = new MemoryReadStore();
  private readonly touched = new Map<string, Map<string, Touched>>();
  private readonly handles = new Map<string, ReadCollection>();

  /**
   * @param fresh For a rebuild into fresh collections nobody else writes: the collections this
   * rebuild has written to so far (shared by its batches). A document of a collection not in it
   * cannot be in the store, so it is not looked up; new documents are bulk-inserted and changed
   * ones replaced by `_id` alone, without the compare-and-swap (no other writer to race).
   */
  constructor(
    private readonly store: ReadStore,
    private readonly fresh?: Set<string>,
  ) {}

  /** Documents held in memory: a rebuild starts a new overlay past its budget. */
  get size(): number {
    let size = 0;
    for (const documents of this.touched.values()) size += documents.size;
    return size;
  }

  /** The collection as handlers of this batch see it. */
  collection(name: string): ReadCollection {
    let handle = this.handles.get(name);
    if (!handle) {
      handle = new BatchCollection(name, this);
      this.handles.set(name, handle);
    }
    return handle;
  }

  /** Writes every changed document to the read store. Safe to call again after a failure. */
  async flush(): Promise<void> {
    for (const name of [...this.touched.keys()]) await this.flushCollection(name);
  }

  /** @internal The in-memory copy, with `id` loaded from the store first if the batch has not yet. */
  async ensure(name: string, id: string): Promise<{ copy: ReadCollection; touched: Touched }> {
    let documents = this.touched.get(name);
    if (!documents) {
      documents = new Map();
      this.touched.set(name, documents);
    }
    let touched = documents.get(id);
    if (!touched) {
      const entry: Touched = {
        loaded: Promise.resolve(),
        existed: false,
        position: undefined,
        dirty: false,
        writes: [],
      };
      const load = async () => {
        if (this.fresh && !this.fresh.has(name)) return;
        const found = await this.store.collection(name).findOne({ _id: id });
        if (found) {
          entry.existed = true;
          entry.position = found['position'];
          await this.memory.collection(name).replaceOne({ _id: id }, found, { upsert: true });
        }
      };
      entry.loaded = load();
      touched = entry;
      documents.set(id, touched);
      // A failed load is forgotten, so a retry of the event loads again.
      touched.loaded.catch(() => documents.delete(id));
    }
    await touched.loaded;
    return { copy: this.memory.collection(name), touched };
  }

  /**
   * @internal A query, answered without writing anything out: the store as last written, with the
   * documents this batch has touched taken from its copy instead. Why not write out first: handlers
   * of other hospitals run side by side in one batch, and a write-out in the middle of their load
   * and write lost their write (found by the restore drill: a laboratory erasure's query ran beside
   * another hospital's results). A document still loading is waited for, so the copy is the whole
   * truth for every id it holds.
   */
  async query(name: string, filter: Filter, options?: FindOptions): Promise<Document[]> {
    await this.loadsSettled(name);
    const stored = this.fresh && !this.fresh.has(name) ? [] : await this.store.collection(name).find(filter);
    await this.loadsSettled(name);
    const touched = new Set(this.touched.get(name)?.keys() ?? []);
    const ours = await this.memory.collection(name).find(filter);
    const merged = new MemoryReadStore().collection(name);
    for (const document of stored) if (!touched.has(String(document._id))) await merged.insertOne(document);
    for (const document of ours) await merged.insertOne(document);
    return merged.find({}, options);
  }

  private async loadsSettled(name: string): Promise<void> {
    for (;;) {
      const loading = [...(this.touched.get(name)?.values() ?? [])].map((t) => t.loaded);
      const before = loading.length;
      await Promise.allSettled(loading);
      if ((this.touched.get(name)?.size ?? 0) === before) return;
    }
  }

  /**
   * @internal Before an operation the copy cannot answer: write out, then forget, the collection.
   * Not for handlers (they only read by id, write by id and query, see `query`): a write-out while
   * another hospital's handler is between its load and its write would lose that write.
   */
  async passThrough(name: string): Promise<ReadCollection> {
    await this.flushCollection(name);
    this.touched.delete(name);
    await this.memory.dropCollection(name);
    return this.store.collection(name);
  }

  private async flushCollection(name: string): Promise<void> {
    const documents = this.touched.get(name);
    if (!documents) return;
    let dirty = [...documents].filter(([, t]) => t.dirty);
    if (this.fresh) {
      this.fresh.add(name);
      dirty = await this.insertFresh(name, dirty);
    }
    for (let i = 0; i < dirty.length; i += FLUSH_CONCURRENCY) {
      await Promise.all(dirty.slice(i, i + FLUSH_CONCURRENCY).map(([id, t]) => this.flushDocument(name, id, t)));
    }
  }

  /**
   * A rebuild's new documents in bulk (what FerretDB and MongoDB write fastest); returns the rest,
   * and a chunk the store refused, to be written one by one as usual.
   */
  private async insertFresh(name: string, dirty: [string, Touched][]): Promise<[string, Touched][]> {
    const target = this.store.collection(name);
    if (!target.insertMany) return dirty;
    const copy = this.memory.collection(name);
    const rest = dirty.filter(([, t]) => t.existed);
    const created = dirty.filter(([, t]) => !t.existed);
    for (let i = 0; i < created.length; i += FRESH_INSERT_CHUNK) {
      const chunk = created.slice(i, i + FRESH_INSERT_CHUNK);
      const found = await Promise.all(chunk.map(([id]) => copy.findOne({ _id: id })));
      const documents = found.filter((d): d is Document => d !== null);
      try {
        await target.insertMany(documents);
      } catch (error) {
        if (!(error instanceof DuplicateKey)) throw error;
        rest.push(...chunk);
        continue;
      }
      const byId = new Map(documents.map((d) => [d._id as string, d]));
      for (const [id, touched] of chunk) {
        Object.assign(touched, { existed: true, position: byId.get(id)?.['position'], dirty: false, writes: [] });
      }
    }
    return rest;
  }

  private async flushDocument(name: string, id: string, touched: Touched): Promise<void> {
    const copy = this.memory.collection(name);
    const target = this.store.collection(name);
    const current = await copy.findOne({ _id: id });
    if (!current) return;
    const { _id, ...fields } = current;
    let written: boolean;
    if (!touched.existed) {
      written = await target.insertOne({ _id: id, ...fields });
    } else {
      const expected = touched.position === undefined ? { $exists: false } : touched.position;
      // In a fresh collection of a rebuild nobody else writes: `{_id}` alone, which FerretDB on
      // SQLite pushes down (a filter on another field scans the collection).
      const filter = this.fresh ? { _id: id } : { _id: id, position: expected };
      written = await target.replaceOne(filter, fields).then(
        (r) => r.matched > 0,
        (error: unknown) => {
          if (error instanceof DuplicateKey) return false;
          throw error;
        },
      );
    }
    if (written) {
      Object.assign(touched, { existed: true, position: fields['position'], dirty: false, writes: [] });
      return;
    }
    for (const write of touched.writes) await target.updateOne(write.filter, write.update, { upsert: write.upsert });
    // The store now holds what the guards let through, which the copy may not: read it afresh next time.
    this.touched.get(name)?.delete(id);
    await copy.deleteMany({ _id: id });
  }
}

const idOf = (filter: Filter): string | undefined => (typeof filter._id === 'string' ? filter._id : undefined);

/** A view's collection within one batch: `{_id}` reads and updates go to the copy, the rest through. */
class BatchCollection implements ReadCollection {
  constructor(
    readonly name: string,
    private readonly writes: BatchWrites,
  ) {}

  async findOne(filter: Filter): Promise<Document | null> {
    const id = idOf(filter);
    if (id === undefined) return (await this.writes.passThrough(this.name)).findOne(filter);
    const { copy } = await this.writes.ensure(this.name, id);
    // `{_id}` alone (a handler's read): the copy's document lent frozen, as on the embedded store,
    // so a handler that changed what it read would fail on every store alike.
    if (Object.keys(filter).length === 1 && copy instanceof MemoryCollection) return copy.view(id);
    return copy.findOne(filter);
  }

  async updateOne(filter: Filter, update: Update, options: { upsert?: boolean } = {}): Promise<UpdateResult> {
    const id = idOf(filter);
    if (id === undefined) return (await this.writes.passThrough(this.name)).updateOne(filter, update, options);
    const { copy, touched } = await this.writes.ensure(this.name, id);
    const result = await copy.updateOne(filter, update, options);
    touched.writes.push({ filter, update, upsert: options.upsert ?? false });
    if (result.modified > 0 || result.upserted) touched.dirty = true;
    return result;
  }

  async find(filter: Filter, options?: FindOptions): Promise<Document[]> {
    return this.writes.query(this.name, filter, options);
  }

  async count(filter: Filter): Promise<number> {
    return (await this.writes.passThrough(this.name)).count(filter);
  }

  async updateMany(filter: Filter, update: Update): Promise<UpdateResult> {
    return (await this.writes.passThrough(this.name)).updateMany(filter, update);
  }

  async replaceOne(filter: Filter, document: Document, options?: { upsert?: boolean }): Promise<UpdateResult> {
    return (await this.writes.passThrough(this.name)).replaceOne(filter, document, options);
  }

  async insertOne(document: Document): Promise<boolean> {
    return (await this.writes.passThrough(this.name)).insertOne(document);
  }

  async deleteMany(filter: Filter): Promise<number> {
    return (await this.writes.passThrough(this.name)).deleteMany(filter);
  }

  async createIndexes(indexes: readonly IndexSpec[]): Promise<void> {
    await (await this.writes.passThrough(this.name)).createIndexes(indexes);
  }
}
