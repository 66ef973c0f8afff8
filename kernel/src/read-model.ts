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

/**
 * A document that shows one aggregate carries `revision`, that stream's revision after the last
 * event applied: the value a command on that aggregate expects in `If-Match: "<revision>"`.
 */
export interface RevisionedDocument {
  readonly revision: number;
}

/**
 * The bookkeeping fields the read API strips before answering (`patientRevision`: the patient
 * stream's revision a stay noted, folded into the patient summary's `revision` instead).
 */
export const BOOKKEEPING_FIELDS = ['_id', 'position', 'patientRevision'] as const;

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
