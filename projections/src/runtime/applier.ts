import { catalogue, streamId } from '@chartline/events';
import { type Cache, MemoryReadStore, type ReadCollection, type ReadStore } from '@chartline/infra';
import { BatchWrites } from './batch-writes.js';
import { applyOnce } from './guard.js';
import { erasedSubject, type RevealPersonalData } from './personal-data.js';
import { type ProjectedEvent, type Projection, type ProjectionContext, viewDocumentId } from './projection.js';
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
   * Applies one event to the batch's in-memory overlay and notes its hospital's progress; the read
   * store sees it at `commit`. Safe to repeat (handlers are guarded).
   */
  async apply(event: ProjectedEvent, progress: BatchProgress): Promise<void> {
    const name = event.type.slice(event.type.indexOf('.') + 1);
    const handler = this.projection.handlers[name];
    const entry = progress.get(event.hospitalId) ?? { position: 0, views: new Set<string>() };
    progress.set(event.hospitalId, entry);
    // Before the handler, and whether or not it succeeds: past this event no key of theirs is served from memory.
    const erased = erasedSubject(event);
    if (erased !== undefined) this.deps.reveal.forget?.(event.hospitalId, erased);
    if (handler) {
      const writes = this.writesOf(progress);
      const collection = (view: string) => {
        if (!this.viewNames.has(view)) throw new UnknownView(`${this.projection.module} has no view ${view}`);
        return writes.collection(this.deps.naming.collection(view));
      };
      const aggregate = catalogue.find(event.type)?.aggregate;
      const ctx: ProjectionContext = {
        write: async (view, id, update, options = {}) => {
          // Only the document of the event's own stream: a flag also written on the candidate's
          // summary must not give it another stream's revision.
          const shows =
            aggregate !== undefined &&
            this.aggregates.get(view) === aggregate &&
            event.streamId === streamId(aggregate, event.hospitalId, id);
          const stamp = shows ? { revision: event.revision } : {};
          const written = await applyOnce(
            collection(view),
            viewDocumentId(event.hospitalId, id),
            event.position,
            { ...update, $set: { hospitalId: event.hospitalId, ...(update.$set ?? {}), ...stamp } },
            { upsert: options.upsert ?? true },
          );
          entry.views.add(view);
          return written;
        },
        read: (view, id) => collection(view).findOne({ _id: viewDocumentId(event.hospitalId, id) }),
        idsWhere: async (view, field, value) => {
          const prefix = viewDocumentId(event.hospitalId, '');
          const found = await collection(view).find({ hospitalId: event.hospitalId, [field]: value });
          return found.map((d) => String(d['_id']).slice(prefix.length));
        },
        reveal: this.deps.reveal,
      };
      await handler(event, ctx);
    }
    entry.position = Math.max(entry.position, event.position);
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
