/**
 * What every read-model document carries: `_id` is `<hospitalId>:<id>` (a document can never be
 * read across hospitals by id alone) and `position` is the event-store position of the last event
 * applied (the projection's idempotency guard). Neither is part of what the read API answers.
 */
export interface ReadModelDocument {
  readonly _id: string;
  readonly hospitalId: string;
  readonly position: number;
}

/** The bookkeeping fields the read API strips before answering. */
export const BOOKKEEPING_FIELDS = ['_id', 'position'] as const;

export const readModelDocId = (hospitalId: string, id: string) => `${hospitalId}:${id}`;
