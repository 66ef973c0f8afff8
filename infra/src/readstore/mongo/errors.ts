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
 * FerretDB on PostgreSQL, on an update or a unique index over clashing documents: an internal error
 * quoting PostgreSQL's unique violation (SQLSTATE 23505) and its index's name there: the table's,
 * then ours with punctuation and digits made `_` (truncated to fit), then `_<hash>_idx`; reported
 * without the hash. PostgreSQL's DETAIL, which quotes the key, is not in the message.
 */
const FERRET_PG_UNIQUE = /unique (?:constraint|index) "([^"]+?)(?:_[0-9a-f]{8}_idx)?" \(SQLSTATE 23505\)/;

/**
 * FerretDB on PostgreSQL reports a lost connection to its PostgreSQL as an internal error quoting
 * PostgreSQL's or the driver's words: SQLSTATE class 08 (connection exception), 57P01–57P03 (the
 * server shut down, crashed or is starting), or the connection dropped under the driver. After a
 * PostgreSQL restart every pooled connection fails like this once, so a consumer retrying a few
 * times then parking parked good events (the chaos suite's PostgreSQL SIGKILL): it is the store
 * being away, retried for as long as it lasts.
 */
const FERRET_BACKEND_AWAY =
  /SQLSTATE (08[0-9A-Z]{3}|57P0[123])|unexpected EOF|conn closed|connection refused|failed to connect|broken pipe|connection reset/i;

/**
 * Turns driver errors into the port's typed ones. The server's message for a duplicate key quotes
 * the key's value (possibly an MRN), so only the index name is kept from it.
 */
export function translate(error: unknown, collection: string): unknown {
  if (error instanceof MongoServerError) {
    // No cause attached: the server's message quotes the duplicate value.
    if (error.code === DUPLICATE_KEY) return new DuplicateKey(collection, duplicateIndexName(error));
    const ferret =
      error.code === INTERNAL_ERROR
        ? (FERRET_UNIQUE.exec(error.message) ?? FERRET_PG_UNIQUE.exec(error.message))
        : null;
    if (ferret) return new DuplicateKey(collection, ferret[1]!);
    if (error.code === INTERNAL_ERROR && FERRET_BACKEND_AWAY.test(error.message))
      return new ReadStoreUnavailable({ cause: error });
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
