import { LRUCache } from 'lru-cache';
import type { KeyStore } from './port.js';
import { type Subject, subjectKey } from './subject.js';

/** A reader of data keys that remembers them for a while, and forgets one on demand. */
export interface KeyReader extends Pick<KeyStore, 'existingKey'> {
  /** Drops the subject's key, if held: called when the subject's erasure is seen, before anything else. */
  forget(hospitalId: string, subject: Subject): void;
}

export interface KeyCacheOptions {
  /** Keys held at most (least recently used go first). Default 10,000 (~0.5 MB). */
  readonly max?: number;
  /** How long a key is held. Default 60 s: short, so a key erased elsewhere stops decrypting soon. */
  readonly ttlMs?: number;
}

/**
 * Readers decrypt every personal event with its subject's key, and each lookup is a key-store
 * round trip plus an unwrap; a subject's events come in runs, so a short-lived cache of unwrapped
 * keys saves most of them. Only keys are cached: an erased (or never made) key is asked for again
 * every time, so a miss can never be served from memory as a key, and `forget` removes a key the
 * moment the reader learns of the erasure.
 */
export function cachedKeyReader(keys: Pick<KeyStore, 'existingKey'>, options: KeyCacheOptions = {}): KeyReader {
  const cache = new LRUCache<string, Buffer>({ max: options.max ?? 10_000, ttl: options.ttlMs ?? 60_000 });
  // Lookups started before a forget must not put the forgotten key back: each forget starts a new era.
  const eras = new Map<string, number>();
  return {
    async existingKey(hospitalId, subject) {
      const key = subjectKey(hospitalId, subject);
      const held = cache.get(key);
      if (held) return held;
      const era = eras.get(key) ?? 0;
      const found = await keys.existingKey(hospitalId, subject);
      if (found && (eras.get(key) ?? 0) === era) cache.set(key, found);
      return found;
    },
    forget(hospitalId, subject) {
      const key = subjectKey(hospitalId, subject);
      cache.delete(key);
      eras.set(key, (eras.get(key) ?? 0) + 1);
    },
  };
}
