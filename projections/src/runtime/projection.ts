import type { EventEnvelope } from '@chartline/events';
import type { Document, IndexSpec, Update } from '@chartline/infra';

/** An event as projections see it: the envelope, its data upcast to the current schema version. */
export type ProjectedEvent = EventEnvelope<Record<string, unknown>>;

/** One read model: a collection (named per deployment by `ViewNaming`) and its indexes. */
export interface ViewSpec<V extends string = string> {
  /** Logical name, also the cache-generation name the read API uses (`bedBoard`). */
  readonly name: V;
  readonly indexes: readonly IndexSpec[];
  /**
   * The aggregate (stream category) each document of the view shows, if one: every write by an
   * event of that aggregate records the event's stream revision as `revision`, which is what a
   * command's `If-Match` expects (commands check the revision of their primary stream).
   */
  readonly aggregate?: string;
}

/**
 * What a handler may do while applying one event. Handlers never see a raw collection: every
 * write goes through `write`, which carries the position guard, so no module can forget it or
 * write its own.
 */
export interface ProjectionContext<V extends string = string> {
  /**
   * Applies `update` to the view's document for `id` (`_id` is `<hospitalId>:<id>`, so no document
   * is reachable across hospitals), creating it unless `upsert` is false, and only if no event at
   * or after this one has reached it yet (the position guard, see `guard.ts`). The document gets
   * `hospitalId` and this event's `position` (and `revision`, when the view shows the event's
   * aggregate). True when it changed something.
   */
  write(view: V, id: string, update: Update, options?: { readonly upsert?: boolean }): Promise<boolean>;
  /**
   * The view's document for `id` as this batch sees it (its earlier events included), or null.
   * Read-only: on the in-memory stores it is the stored document itself, deeply frozen (a write
   * to it throws), not a copy; a handler builds what it writes from new objects.
   */
  read(view: V, id: string): Promise<Readonly<Document> | null>;
  /**
   * The ids (as `write` takes them) of the view's documents of the event's hospital whose `field`
   * equals `value`, as this batch sees them: for an event about many documents named by a field
   * they share (an erased patient's lab results). What a handler then writes to each must still
   * depend only on that document and the event. Reads the store: for rare events, never per event.
   */
  idsWhere(view: V, field: string, value: string): Promise<string[]>;
  /** The event's data with its personal fields decrypted (or ERASED when the patient's key is gone). */
  reveal(event: ProjectedEvent, patientId: string): Promise<Record<string, unknown>>;
}

export type Handler = (event: ProjectedEvent, ctx: ProjectionContext) => Promise<void>;

/**
 * A module's projection as the runtime runs it: its views and one handler per event type it
 * applies. Written with `defineProjection` (define-projection.ts), which checks at compile time
 * that every event of the module is handled or explicitly ignored. Handlers are idempotent
 * (every write is guarded by the event's position), so the runtime may deliver twice.
 */
export interface Projection {
  readonly module: string;
  readonly views: readonly ViewSpec[];
  /** By short event name (`PatientRegistered`); events without a handler are skipped. */
  readonly handlers: { readonly [eventName: string]: Handler };
}

/** The `_id` of an entity's document in a view: hospital first, so an id alone never crosses hospitals. */
export const viewDocumentId = (hospitalId: string, id: string) => `${hospitalId}:${id}`;
