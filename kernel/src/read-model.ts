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

/** A document as the read API answers it: without the projection's bookkeeping. */
export type PublicDocument<D extends ReadModelDocument> = Omit<D, (typeof BOOKKEEPING_FIELDS)[number]>;

/**
 * Compile-time check that an answer shape and a read-model document have exactly the same fields:
 * `ContractHolds<SameFields<PublicDocument<StayDocument>, z.infer<typeof stayShape>>>` stops
 * compiling when a field is renamed, added or dropped on one side only.
 */
export type SameFields<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never]
  ? true
  : { readonly onlyInDocument: Exclude<keyof A, keyof B>; readonly onlyInAnswer: Exclude<keyof B, keyof A> };
export type ContractHolds<T extends true> = T;

export const readModelDocId = (hospitalId: string, id: string) => `${hospitalId}:${id}`;
