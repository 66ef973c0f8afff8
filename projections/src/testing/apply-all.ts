import type { Cache, KeyStore, ReadStore, RecordedEvent } from '@chartline/infra';
import { projectionFor } from '../registry.js';
import { Applier, type BatchProgress } from '../runtime/applier.js';
import { decodeStored } from '../runtime/decode.js';
import { revealWith } from '../runtime/personal-data.js';
import { liveNaming } from '../runtime/view-naming.js';

/** Applies stored events, in order, through a module's projection as one batch (what a consumer batch does). */
export async function applyAll(
  module: string,
  events: readonly RecordedEvent[],
  deps: { readStore: ReadStore; keys: KeyStore; cache?: Cache; prefix?: string },
): Promise<BatchProgress> {
  const applier = new Applier(projectionFor(module), {
    readStore: deps.readStore,
    naming: liveNaming(deps.prefix),
    reveal: revealWith(deps.keys),
    ...(deps.cache ? { cache: deps.cache } : {}),
  });
  await applier.ensureIndexes();
  const progress: BatchProgress = new Map();
  for (const event of events) {
    if (event.type.startsWith(`${module}.`)) await applier.apply(decodeStored(event), progress);
  }
  await applier.commit(progress);
  return progress;
}

/** Every document of the given collections, sorted by id: what "identical read models" compares. */
export async function snapshot(readStore: ReadStore, collections: readonly string[]) {
  const out: Record<string, unknown[]> = {};
  for (const name of collections) out[name] = await readStore.collection(name).find({}, { sort: { _id: 1 } });
  return out;
}
