import type { Collection, Document as MongoDocument } from 'mongodb';
import { DuplicateKey } from '../errors.js';
import { assertReplacement, assertSupportedUpdate, indexName } from '../operators.js';
import type { Document, Filter, FindOptions, IndexSpec, ReadCollection, Update, UpdateResult } from '../port.js';
import { translate } from './errors.js';

const NOTHING: UpdateResult = { matched: 0, modified: 0, upserted: false };

/** One MongoDB collection behind the port: the driver does the work, errors become the port's. */
export class MongoCollection implements ReadCollection {
  constructor(private readonly collection: Collection<MongoDocument>) {}

  get name(): string {
    return this.collection.collectionName;
  }

  find(filter: Filter, options: FindOptions = {}): Promise<Document[]> {
    return this.run(() =>
      this.collection
        .find(filter, {
          ...(options.sort && { sort: options.sort }),
          ...(options.skip && { skip: options.skip }),
          ...(options.limit && { limit: options.limit }),
          ...(options.projection && { projection: options.projection }),
        })
        .toArray(),
    );
  }

  findOne(filter: Filter): Promise<Document | null> {
    return this.run(() => this.collection.findOne(filter));
  }

  count(filter: Filter): Promise<number> {
    return this.run(() => this.collection.countDocuments(filter));
  }

  async updateOne(filter: Filter, update: Update, options: { upsert?: boolean } = {}): Promise<UpdateResult> {
    assertSupportedUpdate(update);
    return await this.upserting(options.upsert ?? false, () =>
      this.collection.updateOne(filter, update, { upsert: options.upsert ?? false }),
    );
  }

  async updateMany(filter: Filter, update: Update): Promise<UpdateResult> {
    assertSupportedUpdate(update);
    return await this.upserting(false, () => this.collection.updateMany(filter, update));
  }

  async replaceOne(filter: Filter, document: Document, options: { upsert?: boolean } = {}): Promise<UpdateResult> {
    assertReplacement(document);
    return await this.upserting(options.upsert ?? false, () =>
      this.collection.replaceOne(filter, document, { upsert: options.upsert ?? false }),
    );
  }

  async insertOne(document: Document): Promise<boolean> {
    try {
      await this.collection.insertOne({ ...document });
      return true;
    } catch (error) {
      const translated = translate(error, this.name);
      if (translated instanceof DuplicateKey) return false;
      throw translated;
    }
  }

  async insertMany(documents: readonly Document[]): Promise<void> {
    if (documents.length === 0) return;
    await this.run(() =>
      this.collection.insertMany(
        documents.map((d) => ({ ...d })),
        { ordered: false },
      ),
    );
  }

  deleteMany(filter: Filter): Promise<number> {
    return this.run(async () => (await this.collection.deleteMany(filter)).deletedCount);
  }

  async createIndexes(indexes: readonly IndexSpec[]): Promise<void> {
    if (indexes.length === 0) return;
    await this.run(() =>
      this.collection.createIndexes(
        indexes.map((spec) => ({ key: spec.keys, name: indexName(spec), ...(spec.unique && { unique: true }) })),
      ),
    );
  }

  /**
   * An upsert whose insert hits a duplicate key lost a race with another writer (or is a replay
   * under a guard that no longer matches): by the port's contract that is matched 0, not an error.
   */
  private async upserting(
    upsert: boolean,
    write: () => Promise<{ matchedCount: number; modifiedCount: number; upsertedCount: number }>,
  ): Promise<UpdateResult> {
    try {
      const result = await write();
      return { matched: result.matchedCount, modified: result.modifiedCount, upserted: result.upsertedCount > 0 };
    } catch (error) {
      const translated = translate(error, this.name);
      if (upsert && translated instanceof DuplicateKey) return NOTHING;
      throw translated;
    }
  }

  private async run<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw translate(error, this.name);
    }
  }
}
