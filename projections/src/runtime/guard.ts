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
