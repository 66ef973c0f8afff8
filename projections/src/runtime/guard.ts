import type { Document, Filter, ReadCollection, Update } from '@chartline/infra';

/**
 * The idempotency guard. Every projected document records the event-store position of the last
 * event applied to it; an update matches only while that is lower than the event's. Positions
 * grow with stream revisions, and a hospital's events reach its projector in position order (one
 * partition, relayed in position order), so this is the stream-revision guard generalised to
 * documents that more than one stream writes (a bed is written by bed and stay events). A
 * replayed event, or a whole replayed batch, then matches nothing and changes nothing.
 */
export function notYetApplied(id: string, position: number): Filter {
  return { _id: id, $or: [{ position: { $lt: position } }, { position: { $exists: false } }] };
}

/**
 * `notYetApplied`'s condition tested on a stored document without building the filter (the
 * in-memory store's `updateOneIf`): true or false where the filter's native test would answer
 * (a number, nothing, null, a string or a boolean in `position`), undefined otherwise, for the
 * filter itself to decide.
 */
export function notYetAppliedTo(stored: Readonly<Document>, position: number): boolean | undefined {
  const at = stored['position'];
  if (at === undefined) return true;
  if (typeof at === 'number') return Number.isNaN(at) ? undefined : at < position;
  if (at === null || typeof at === 'string' || typeof at === 'boolean') return false;
  return undefined;
}

/** Upserts `id` unless an event at or after `position` already reached it. */
export async function applyOnce(
  collection: ReadCollection,
  id: string,
  position: number,
  update: Update,
  options: { upsert?: boolean } = { upsert: true },
): Promise<boolean> {
  const set = { ...(update.$set ?? {}), position } as Document;
  const result = await collection.updateOne(notYetApplied(id, position), { ...update, $set: set }, options);
  return result.modified > 0 || result.upserted;
}
