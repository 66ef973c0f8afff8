import { MemoryReadStore } from './memory/store.js';
import { type MongoReadStoreOptions, openMongoReadStore } from './mongo/store.js';
import type { ReadStore } from './port.js';

/** MONGODB_URL chooses MongoDB; without it the in-memory store of the embedded start serves. */
export async function openReadStore(url: string | undefined, options: MongoReadStoreOptions = {}): Promise<ReadStore> {
  return url ? openMongoReadStore(url, options) : new MemoryReadStore();
}
