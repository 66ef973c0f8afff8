import type { EventStore } from '../eventstore/port.js';
import type { StreamHead } from './checkpoint.js';

const BATCH = 5_000;

/**
 * Every hospital's stream heads, read from the store in one pass up to its head position:
 * per stream the last revision and its hash (from the metadata, as written). The hospital is the
 * envelope's `hospitalId`. Cost: one read of the whole store; an hourly run reads ~1M events in
 * well under a minute on PostgreSQL.
 */
export async function readStreamHeads(
  store: EventStore,
): Promise<{ position: number; hospitals: Map<string, Map<string, StreamHead>> }> {
  const position = await store.headPosition();
  const hospitals = new Map<string, Map<string, StreamHead>>();
  let after = 0;
  while (after < position) {
    const batch = await store.readAll({ after, maxCount: BATCH });
    if (batch.length === 0) break;
    for (const event of batch) {
      if (event.position > position) break;
      after = event.position;
      const hospitalId = event.metadata['hospitalId'];
      const hash = event.metadata['hash'];
      if (typeof hospitalId !== 'string' || typeof hash !== 'string') continue;
      const heads = hospitals.get(hospitalId) ?? new Map<string, StreamHead>();
      hospitals.set(hospitalId, heads);
      const known = heads.get(event.streamId);
      if (!known || event.revision > known.revision) {
        heads.set(event.streamId, { streamId: event.streamId, revision: event.revision, hash });
      }
    }
    if (batch.length < BATCH || (batch.at(-1)?.position ?? position) >= position) break;
  }
  return { position, hospitals };
}
