import { type Db, MongoClient } from 'mongodb';
import { CollectionExists, CollectionNotFound } from '../errors.js';
import type { ReadCollection, ReadStore } from '../port.js';
import { MongoCollection } from './collection.js';
import { isNotImplemented, translate } from './errors.js';

export interface MongoReadStoreOptions {
  /** Database to use when the URL names none. Default `chartline`. */
  readonly database?: string;
  /** How long to look for a server before an operation fails with ReadStoreUnavailable. Default 2000 ms. */
  readonly serverSelectionTimeoutMs?: number;
}

/**
 * The production read store over MongoDB's wire protocol (MongoDB itself, or FerretDB in CI).
 * A short server selection timeout makes a down server a fast ReadStoreUnavailable (→ 503)
 * rather than a request hanging for the driver's default 30 s.
 */
export async function openMongoReadStore(url: string, options: MongoReadStoreOptions = {}): Promise<MongoReadStore> {
  const client = new MongoClient(url, {
    serverSelectionTimeoutMS: options.serverSelectionTimeoutMs ?? 2000,
    connectTimeoutMS: 2000,
  });
  // Not connected eagerly: the driver connects on first use, so a process can start while the
  // server is down and report it per request (and on /readyz through ping).
  const urlDatabase = /^mongodb(?:\+srv)?:\/\/[^/]+\/([^?]*)/.exec(url)?.[1];
  return new MongoReadStore(client, client.db(urlDatabase || options.database || 'chartline'));
}

export class MongoReadStore implements ReadStore {
  constructor(
    private readonly client: MongoClient,
    readonly db: Db,
  ) {}

  collection(name: string): ReadCollection {
    return new MongoCollection(this.db.collection(name));
  }

  async listCollections(): Promise<string[]> {
    const collections = await this.run('', () => this.db.listCollections({}, { nameOnly: true }).toArray());
    return collections.map((c) => c.name).sort();
  }

  async dropCollection(name: string): Promise<void> {
    await this.run(name, () => this.db.dropCollection(name));
  }

  /**
   * Atomic on MongoDB (`dropTarget`). FerretDB 1.x lacks dropTarget, so there the live collection
   * is first renamed aside, then the new one renamed in, then the old one dropped: readers may see
   * the collection missing for the moment between the two renames, but no data is ever lost (if
   * the second rename fails the first is undone).
   */
  async renameCollection(from: string, to: string, options: { dropTarget?: boolean } = {}): Promise<void> {
    try {
      await this.rename(from, to, options.dropTarget ?? false);
      return;
    } catch (error) {
      if (!(options.dropTarget && isNotImplemented(error))) throw error;
    }
    const retired = `${to}__retired_${Date.now().toString(36)}`;
    try {
      await this.rename(to, retired, false);
    } catch (error) {
      if (!(error instanceof CollectionNotFound)) throw error;
      await this.rename(from, to, false);
      return;
    }
    try {
      await this.rename(from, to, false);
    } catch (error) {
      await this.rename(retired, to, false);
      throw error;
    }
    await this.run(retired, () => this.db.dropCollection(retired));
  }

  private async rename(from: string, to: string, dropTarget: boolean): Promise<void> {
    try {
      await this.db.renameCollection(from, to, dropTarget ? { dropTarget } : {});
    } catch (error) {
      const translated = translate(error, from);
      throw translated instanceof CollectionExists ? new CollectionExists(to) : translated;
    }
  }

  async ping(): Promise<boolean> {
    try {
      await this.db.command({ ping: 1 });
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  private async run<T>(collection: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw translate(error, collection);
    }
  }
}
