import { catalogue, streamId } from '@chartline/events';
import {
  type Cache,
  type Document,
  MemoryCollection,
  MemoryReadStore,
  type ReadCollection,
  type ReadStore,
  type Update,
} from '@chartline/infra';
import { BatchWrites } from './batch-writes.js';
import { applyOnce, notYetApplied, notYetAppliedTo } from './guard.js';
import { erasedSubject, type RevealPersonalData } from './personal-data.js';
import {
  type Handler,
  type ProjectedEvent,
  type Projection,
  type ProjectionContext,
  viewDocumentId,
} from './projection.js';
import { PROJECTOR_POSITIONS, type ViewNaming } from './view-naming.js';

export interface ApplierDeps {
  readonly readStore: ReadStore;
  readonly naming: ViewNaming;
  readonly reveal: RevealPersonalData;
  /** Absent while rebuilding into fresh collections nobody reads yet. */
  readonly cache?: Cache;
  /**
   * A rebuild into fresh collections nobody else writes: one overlay folds many batches in memory
   * (up to FOLD_DOCUMENTS documents), new documents are bulk-inserted and none is looked up in a
   * collection the rebuild has not written yet (see BatchWrites).
   */
  readonly fresh?: boolean;
}

/** Documents a rebuild keeps in memory before it starts a new overlay (loading from the store again). */
const FOLD_DOCUMENTS = 100_000;

/** What a batch did to one hospital: the newest position applied and the views written. */
export interface HospitalProgress {
  position: number;
  readonly views: Set<string>;
}

export type BatchProgress = Map<string, HospitalProgress>;

/** A handler asked for a view its projection does not declare: a bug, never retried into success. */
export class UnknownView extends Error {
  override readonly name = 'UnknownView';
}

/**
 * Applies events through a projection's handlers (the same code path for the live consumer and
 * for a rebuild), then records per hospital how far it got and bumps the cache generation of each
 * view it wrote.
 */
export class Applier {
  private readonly viewNames: Set<string>;
  /** Per view, the aggregate its documents show (their `revision` is that stream's). */
  private readonly aggregates: Map<string, string>;
  /** Each batch (one progress map) writes through its own overlay, flushed by `commit`. */
  private readonly batches = new WeakMap<BatchProgress, BatchWrites>();
  /**
   * The embedded read store is itself in memory, where a write costs what the overlay's would:
   * handlers write to it directly (an overlay there doubled every write and copy, and was most of
   * the embedded projection's CPU). Each write is still guarded, so a replay changes nothing.
   */
  private readonly direct: boolean;
  /** Fresh mode: the collections written so far, and the overlay carried from batch to batch. */
  private readonly written = new Set<string>();
  private folded: BatchWrites | undefined;
  /** Per view, its collection's name (and, direct, its handle): named once, not per write. */
  private readonly names = new Map<string, string>();
  private readonly handles = new Map<string, MemoryCollection | null>();
  /** Per event type, its handler and the aggregate of its stream: looked up once, not per event. */
  private readonly types = new Map<string, { readonly handler: Handler | undefined; readonly aggregate?: string }>();

  constructor(
    readonly projection: Projection,
    private readonly deps: ApplierDeps,
  ) {
    this.viewNames = new Set(projection.views.map((v) => v.name));
    this.direct = deps.readStore instanceof MemoryReadStore;
    this.aggregates = new Map(projection.views.flatMap((v) => (v.aggregate ? [[v.name, v.aggregate] as const] : [])));
  }

  private collection(view: string): ReadCollection {
    if (!this.viewNames.has(view)) throw new UnknownView(`${this.projection.module} has no view ${view}`);
    return this.deps.readStore.collection(this.deps.naming.collection(view));
  }

  private writesOf(progress: BatchProgress): Pick<BatchWrites, 'collection'> {
    if (this.direct) return this.deps.readStore;
    let writes = this.batches.get(progress);
    if (!writes && this.deps.fresh) {
      if (!this.folded || this.folded.size > FOLD_DOCUMENTS)
        this.folded = new BatchWrites(this.deps.readStore, this.written);
      writes = this.folded;
      this.batches.set(progress, writes);
    }
    if (!writes) {
      writes = new BatchWrites(this.deps.readStore);
      this.batches.set(progress, writes);
    }
    return writes;
  }

  /**
   * One index per call: FerretDB 1.24 drops the connection when asked to re-create several existing
   * indexes at once on a collection holding documents, which is every restart of a projector.
   */
  async ensureIndexes(): Promise<void> {
    for (const view of this.projection.views) {
      for (const index of view.indexes) await this.collection(view.name).createIndexes([index]);
    }
    await this.deps.readStore
      .collection(PROJECTOR_POSITIONS)
      .createIndexes([{ keys: { module: 1, hospitalId: 1 }, name: 'module_hospital' }]);
  }

  /**
   * Applies one event to the batch's in-memory overlay (or, direct, to the in-memory store) and
   * notes its hospital's progress; the read store sees it at `commit`. Safe to repeat (handlers
   * are guarded).
   */
  async apply(event: ProjectedEvent, progress: BatchProgress): Promise<void> {
    const { handler, aggregate } = this.typeOf(event.type);
    let entry = progress.get(event.hospitalId);
    if (!entry) {
      entry = { position: 0, views: new Set<string>() };
      progress.set(event.hospitalId, entry);
    }
    // Before the handler, and whether or not it succeeds: past this event no key of theirs is served from memory.
    const erased = erasedSubject(event);
    if (erased !== undefined) this.deps.reveal.forget?.(event.hospitalId, erased);
    if (handler) await handler(event, new EventContext(this, event, entry, progress, aggregate));
    entry.position = Math.max(entry.position, event.position);
  }

  private typeOf(type: string): { readonly handler: Handler | undefined; readonly aggregate?: string } {
    let known = this.types.get(type);
    if (!known) {
      const aggregate = catalogue.find(type)?.aggregate;
      known = {
        handler: this.projection.handlers[type.slice(type.indexOf('.') + 1)],
        ...(aggregate !== undefined && { aggregate }),
      };
      this.types.set(type, known);
    }
    return known;
  }

  /** @internal The collection a handler's `view` lives in, for this batch. */
  collectionOf(view: string, progress: BatchProgress): ReadCollection {
    return this.writesOf(progress).collection(this.nameOf(view));
  }

  /**
   * @internal Direct: the in-memory store's collection of `view` (its handle is kept), or undefined
   * when the store hands out other collections (a test's store that fails writes on purpose).
   */
  memoryOf(view: string): MemoryCollection | undefined {
    if (!this.direct) return undefined;
    let handle = this.handles.get(view);
    if (handle === undefined) {
      const collection = this.deps.readStore.collection(this.nameOf(view));
      handle = collection instanceof MemoryCollection ? collection : null;
      this.handles.set(view, handle);
    }
    return handle ?? undefined;
  }

  private nameOf(view: string): string {
    let name = this.names.get(view);
    if (name === undefined) {
      if (!this.viewNames.has(view)) throw new UnknownView(`${this.projection.module} has no view ${view}`);
      name = this.deps.naming.collection(view);
      this.names.set(view, name);
    }
    return name;
  }

  /** @internal The aggregate whose revision `view`'s documents show, if any. */
  aggregateOf(view: string): string | undefined {
    return this.aggregates.get(view);
  }

  get reveal(): RevealPersonalData {
    return this.deps.reveal;
  }

  /** Writes the batch's documents, then per hospital `$max`es the position applied and bumps the cache. */
  async commit(progress: BatchProgress): Promise<void> {
    await this.batches.get(progress)?.flush();
    const positions = this.deps.readStore.collection(PROJECTOR_POSITIONS);
    const module = this.projection.module;
    await Promise.all(
      [...progress].map(async ([hospitalId, { position, views }]) => {
        await positions.updateOne(
          { _id: `${module}:${hospitalId}` },
          { $max: { position }, $set: { module, hospitalId } },
          { upsert: true },
        );
        if (this.deps.cache) for (const view of views) await this.deps.cache.bump(hospitalId, view);
        // Wakes reads waiting for this position (best effort: they poll too) and tells the live
        // streams (the bed board's server-sent events) which views changed.
        await this.deps.cache?.announce?.({ hospitalId, module, position, views: [...views] }).catch(() => undefined);
      }),
    );
  }
}

/** `update` with its `$set` replaced (in place of the old one, or last): a `$set`-only update, the usual one, without a spread. */
function withSet(update: Update, set: Document): Update {
  for (const operator in update) if (operator !== '$set') return { ...update, $set: set };
  return { $set: set };
}

/**
 * What a handler gets for one event: one object with its methods on the prototype, rather than a
 * context of closures built per event (they were a sixth of the embedded projection's CPU).
 */
class EventContext implements ProjectionContext {
  readonly reveal: RevealPersonalData;

  constructor(
    private readonly applier: Applier,
    private readonly event: ProjectedEvent,
    private readonly entry: HospitalProgress,
    private readonly progress: BatchProgress,
    private readonly aggregate: string | undefined,
  ) {
    this.reveal = applier.reveal;
  }

  async write(view: string, id: string, update: Update, options: { readonly upsert?: boolean } = {}): Promise<boolean> {
    const { event } = this;
    // Only the document of the event's own stream: a flag also written on the candidate's
    // summary must not give it another stream's revision.
    const shows =
      this.aggregate !== undefined &&
      this.applier.aggregateOf(view) === this.aggregate &&
      event.streamId === streamId(this.aggregate, event.hospitalId, id);
    const documentId = viewDocumentId(event.hospitalId, id);
    const upsert = options.upsert ?? true;
    const memory = this.applier.memoryOf(view);
    let written: boolean;
    if (memory) {
      // The embedded store: the same guarded update, tested on the stored document as it is, with
      // the stamps written by the store around the handler's $set (as the merge below, in its
      // order) instead of merged into a copy of it on every write.
      const position = event.position;
      const result = memory.updateOneIf(
        documentId,
        (stored) => notYetAppliedTo(stored, position),
        () => notYetApplied(documentId, position),
        update,
        {
          upsert,
          first: { hospitalId: event.hospitalId },
          last: shows ? { revision: event.revision, position } : { position },
        },
      );
      written = result.modified > 0 || result.upserted;
    } else {
      // The handler's $set with the stamps, in this order (a new document's fields come in it):
      // hospitalId, the handler's fields, revision, position. Copied field by field: a spread after
      // a literal field is a slow runtime call in V8, and this runs on every write.
      const set: Document = { hospitalId: event.hospitalId };
      const fields = update.$set;
      if (fields !== undefined) for (const field in fields) set[field] = fields[field];
      if (shows) set['revision'] = event.revision;
      const collection = this.applier.collectionOf(view, this.progress);
      written = await applyOnce(collection, documentId, event.position, withSet(update, set), { upsert });
    }
    this.entry.views.add(view);
    return written;
  }

  async read(view: string, id: string): Promise<Readonly<Document> | null> {
    const documentId = viewDocumentId(this.event.hospitalId, id);
    const memory = this.applier.memoryOf(view);
    if (memory) return memory.view(documentId);
    return this.applier.collectionOf(view, this.progress).findOne({ _id: documentId });
  }

  async idsWhere(view: string, field: string, value: string): Promise<string[]> {
    const { hospitalId } = this.event;
    const prefix = viewDocumentId(hospitalId, '');
    const found = await this.applier.collectionOf(view, this.progress).find({ hospitalId, [field]: value });
    return found.map((d) => String(d['_id']).slice(prefix.length));
  }
}
