import { DependencyUnavailable } from '../http/dependency.js';

/**
 * A write would give two documents the same key in a unique index (MongoDB's error 11000). Names
 * the collection and the index, never the key's value: it may be a patient's MRN.
 */
export class DuplicateKey extends Error {
  override readonly name = 'DuplicateKey';
  constructor(
    readonly collection: string,
    /** 'unknown' where the server does not say (FerretDB on an insert). */
    readonly index: string,
  ) {
    super(`duplicate key in ${collection}, index ${index}`);
  }
}

/** The read store could not be reached or failed mid-operation; the HTTP layer answers 503. */
export class ReadStoreUnavailable extends DependencyUnavailable {
  override readonly name = 'ReadStoreUnavailable';
  constructor(options?: { cause?: unknown }) {
    super('read store', options);
  }
}

/** renameCollection: the source collection does not exist. */
export class CollectionNotFound extends Error {
  override readonly name = 'CollectionNotFound';
  constructor(readonly collection: string) {
    super(`collection ${collection} does not exist`);
  }
}

/** renameCollection without dropTarget: the target already exists. */
export class CollectionExists extends Error {
  override readonly name = 'CollectionExists';
  constructor(readonly collection: string) {
    super(`collection ${collection} already exists`);
  }
}

/** An update outside the subset both adapters implement alike (see the port). */
export class UnsupportedUpdate extends Error {
  override readonly name = 'UnsupportedUpdate';
}
