import {
  MongoNetworkError,
  MongoNotConnectedError,
  MongoServerError,
  MongoServerSelectionError,
  MongoTopologyClosedError,
} from 'mongodb';
import { CollectionExists, CollectionNotFound, DuplicateKey, ReadStoreUnavailable } from '../errors.js';

const DUPLICATE_KEY = 11000;
const NAMESPACE_NOT_FOUND = 26;
const NAMESPACE_EXISTS = 48;
const NOT_IMPLEMENTED = 238;

/** FerretDB answers this for options it lacks, such as renameCollection's dropTarget. */
export function isNotImplemented(error: unknown): boolean {
  return error instanceof MongoServerError && error.code === NOT_IMPLEMENTED;
}

const INTERNAL_ERROR = 1;
/** FerretDB on SQLite reports a unique violation on update as an internal error naming its table index. */
const FERRET_UNIQUE = /UNIQUE constraint failed: index '[^']*?_[0-9a-f]{8}_([^']+)'/;

/**
 * Turns driver errors into the port's typed ones. The server's message for a duplicate key quotes
 * the key's value (possibly an MRN), so only the index name is kept from it.
 */
export function translate(error: unknown, collection: string): unknown {
  if (error instanceof MongoServerError) {
    // No cause attached: the server's message quotes the duplicate value.
    if (error.code === DUPLICATE_KEY) return new DuplicateKey(collection, duplicateIndexName(error));
    const ferret = error.code === INTERNAL_ERROR ? FERRET_UNIQUE.exec(error.message) : null;
    if (ferret) return new DuplicateKey(collection, ferret[1]!);
    if (error.code === NAMESPACE_NOT_FOUND) return new CollectionNotFound(collection);
    if (error.code === NAMESPACE_EXISTS) return new CollectionExists(collection);
    return error;
  }
  if (
    error instanceof MongoServerSelectionError ||
    error instanceof MongoNetworkError ||
    error instanceof MongoNotConnectedError ||
    error instanceof MongoTopologyClosedError
  ) {
    return new ReadStoreUnavailable({ cause: error });
  }
  return error;
}

/** MongoDB names the index in the message; FerretDB does not, and then it is 'unknown'. */
function duplicateIndexName(error: MongoServerError): string {
  const fromKeyPattern = error.keyPattern ? Object.keys(error.keyPattern) : [];
  const match = /index: (\S+)/.exec(error.message);
  return match?.[1] ?? (fromKeyPattern.length > 0 ? fromKeyPattern.join('_') : 'unknown');
}
