/**
 * The read store port: MongoDB in production, in-memory documents queried with mingo in the
 * embedded start. It speaks a deliberately small subset of MongoDB's query and update language,
 * the part both adapters implement identically (the shared contract suite proves it). No
 * transactions and no change streams: FerretDB has neither, and projections do not need them.
 */
export type Document = { [key: string]: unknown };
export type Filter = { [key: string]: unknown };
/**
 * Update operators: $set, $unset, $inc, $push, $pull, $addToSet, $setOnInsert, $max, $min.
 * $pull removes elements equal to a whole value (a scalar, or an embedded document given in full);
 * conditions such as `{$gte: 2}` or a partial document are not portable (FerretDB ignores them).
 * `modified` of a replace that changes nothing is 0 on MongoDB but 1 on FerretDB.
 */
export type Update = { [operator: `$${string}`]: Document };
export type Sort = { [field: string]: 1 | -1 };

export interface FindOptions {
  readonly sort?: Sort;
  readonly limit?: number;
  readonly skip?: number;
  readonly projection?: { [field: string]: 0 | 1 };
}

export interface UpdateResult {
  readonly matched: number;
  readonly modified: number;
  readonly upserted: boolean;
}

export interface IndexSpec {
  readonly keys: Sort;
  readonly name?: string;
  readonly unique?: boolean;
}

export interface ReadCollection {
  readonly name: string;
  find(filter: Filter, options?: FindOptions): Promise<Document[]>;
  findOne(filter: Filter): Promise<Document | null>;
  count(filter: Filter): Promise<number>;
  /**
   * Guarded upserts are how projections stay idempotent: the filter includes the guard (e.g. the
   * revision already applied is lower), so replaying an event matches nothing and changes nothing.
   * With upsert, a duplicate-key race on insert is reported as matched 0, never thrown (MongoDB's
   * error does not say whether the insert or the update collided, so no duplicate is thrown with
   * upsert). Without upsert, a collision in a unique index throws DuplicateKey.
   */
  updateOne(filter: Filter, update: Update, options?: { upsert?: boolean }): Promise<UpdateResult>;
  updateMany(filter: Filter, update: Update): Promise<UpdateResult>;
  replaceOne(filter: Filter, document: Document, options?: { upsert?: boolean }): Promise<UpdateResult>;
  /**
   * Inserts the document (with its `_id`) unless one with the same `_id` or unique key exists:
   * true when inserted, false when it was already there (then nothing changes). A plain insert,
   * not a `$setOnInsert` upsert: FerretDB 1.24 drops null and [] values from those.
   */
  insertOne(document: Document): Promise<boolean>;
  /**
   * Inserts new documents in bulk (a rebuild filling a fresh collection). All are written, or the
   * call throws; DuplicateKey when one already existed, after which any subset may have been
   * written (unordered, as MongoDB does). Optional: without it callers insert one by one.
   */
  insertMany?(documents: readonly Document[]): Promise<void>;
  deleteMany(filter: Filter): Promise<number>;
  createIndexes(indexes: readonly IndexSpec[]): Promise<void>;
}

export interface ReadStore {
  collection(name: string): ReadCollection;
  listCollections(): Promise<string[]>;
  dropCollection(name: string): Promise<void>;
  /** Renames atomically where the server can; used by blue/green rebuilds. */
  renameCollection(from: string, to: string, options?: { dropTarget?: boolean }): Promise<void>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
