import { CollectionExists, CollectionNotFound } from '../errors.js';
import type { ReadCollection, ReadStore } from '../port.js';
import { MemoryCollection } from './collection.js';
import { CollectionData } from './collection-data.js';

/**
 * The read store of the embedded start: collections of documents in memory, queried and updated
 * with mingo. Nothing survives the process; the projections rebuild it from the event store.
 */
export class MemoryReadStore implements ReadStore {
  private readonly collections = new Map<string, CollectionData>();

  collection(name: string): ReadCollection {
    return new MemoryCollection(name, (create) => {
      let data = this.collections.get(name);
      if (!data && create) {
        data = new CollectionData(name);
        this.collections.set(name, data);
      }
      return data;
    });
  }

  async listCollections(): Promise<string[]> {
    return [...this.collections.keys()].sort();
  }

  async dropCollection(name: string): Promise<void> {
    this.collections.delete(name);
  }

  /** Atomic: a reader sees the old collection or the new one under `to`, never a mix. */
  async renameCollection(from: string, to: string, options: { dropTarget?: boolean } = {}): Promise<void> {
    const data = this.collections.get(from);
    if (!data) throw new CollectionNotFound(from);
    if (this.collections.has(to) && !options.dropTarget) throw new CollectionExists(to);
    this.collections.delete(from);
    data.name = to;
    this.collections.set(to, data);
  }

  async ping(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {
    this.collections.clear();
  }
}
