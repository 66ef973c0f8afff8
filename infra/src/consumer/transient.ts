/** Errors that mean "a server is away", whatever driver raised them: wait and try again. */
const TRANSIENT_NAMES = new Set([
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoPoolClearedError',
  'ReadStoreUnavailable',
  'KeyStoreUnavailable',
  'DependencyUnavailable',
  'CacheUnavailable',
  'BusUnavailable',
]);
const TRANSIENT_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND']);

/**
 * A transient failure is retried for as long as it lasts and never parks an event: parking every
 * event while MongoDB restarts would empty the projection into the DLQ. Anything else is a fault
 * of the event or the handler, retried a few times and then parked.
 */
export function isTransient(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (TRANSIENT_NAMES.has(e.name)) return true;
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && TRANSIENT_CODES.has(code)) return true;
    if ((e as { transient?: unknown }).transient === true) return true;
  }
  return false;
}

/** Doubles from `initialMs` to `maxMs`, with jitter so many consumers do not retry in step. */
export function backoffMs(attempt: number, initialMs: number, maxMs: number): number {
  const base = Math.min(maxMs, initialMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.75 + Math.random() * 0.5));
}
