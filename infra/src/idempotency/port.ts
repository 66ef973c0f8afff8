/**
 * Idempotency keys: the first response to a command is kept under (scope, key) for a while, so a
 * client that retries (timeouts, flaky networks) gets that same answer and nothing is written twice.
 */

/** The response as first sent. `body` is the JSON text exactly as sent. */
export interface StoredResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export type IdempotencyClaim =
  /** Nobody used the key: the caller executes, then calls complete() or release(). */
  | { readonly outcome: 'claimed' }
  /** The key already has a response for the same request: send it again. */
  | { readonly outcome: 'replay'; readonly response: StoredResponse }
  /** The same request is executing right now (another pod, another connection). */
  | { readonly outcome: 'in-progress' }
  /** The key was used for a different request. */
  | { readonly outcome: 'mismatch' };

export interface IdempotencyStore {
  /**
   * Atomically claims the key, or reports what it holds. `fingerprint` identifies the request
   * (command and body); the same key with another fingerprint is a mismatch.
   */
  claim(scope: string, key: string, fingerprint: string): Promise<IdempotencyClaim>;
  /** Keeps the response for the store's TTL. */
  complete(scope: string, key: string, fingerprint: string, response: StoredResponse): Promise<void>;
  /** Forgets a claim whose execution failed without an answer worth repeating (5xx). */
  release(scope: string, key: string): Promise<void>;
  /** Whether the store answers now (readiness); never throws. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface IdempotencyTtl {
  /** How long a completed response is kept. Default 24 h. */
  readonly ttlSeconds?: number;
  /** How long a claim without a response blocks the key (a crashed executor). Default 60 s. */
  readonly pendingTtlSeconds?: number;
}

export const DEFAULT_TTL_SECONDS = 24 * 60 * 60;
export const DEFAULT_PENDING_TTL_SECONDS = 60;

/** What an adapter keeps per key. */
export type IdempotencyEntry =
  | { readonly state: 'pending'; readonly fingerprint: string }
  | { readonly state: 'done'; readonly fingerprint: string; readonly response: StoredResponse };

export function verdict(entry: IdempotencyEntry, fingerprint: string): IdempotencyClaim {
  if (entry.fingerprint !== fingerprint) return { outcome: 'mismatch' };
  return entry.state === 'done' ? { outcome: 'replay', response: entry.response } : { outcome: 'in-progress' };
}
