import type { EventEnvelope } from '@chartline/events';
import type { IndexSpec, ReadCollection } from '@chartline/infra';

/** An event as projections see it: the envelope, its data upcast to the current schema version. */
export type ProjectedEvent = EventEnvelope<Record<string, unknown>>;

/** One read model: a collection (named per deployment by `ViewNaming`) and its indexes. */
export interface ViewSpec {
  /** Logical name, also the cache-generation name the read API uses (`bedBoard`). */
  readonly name: string;
  readonly indexes: readonly IndexSpec[];
}

/** What a handler may touch while applying one event. */
export interface ProjectionContext {
  /** The collection behind a view of this projection. Marks the view touched for the cache bump. */
  view(name: string): ReadCollection;
  /** The event's data with its personal fields decrypted (or ERASED when the patient's key is gone). */
  reveal(event: ProjectedEvent, patientId: string): Promise<Record<string, unknown>>;
}

export type Handler = (event: ProjectedEvent, ctx: ProjectionContext) => Promise<void>;

/**
 * A module's projection: its views and one handler per event type it cares about. Handlers must be
 * idempotent (guarded by the event's position, see `guard.ts`), so the runtime may deliver twice.
 */
export interface Projection {
  readonly module: string;
  readonly views: readonly ViewSpec[];
  /** By short event name (`PatientRegistered`); events without a handler are skipped. */
  readonly handlers: { readonly [eventName: string]: Handler };
}
