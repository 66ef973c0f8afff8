import { LRUCache } from 'lru-cache';
import {
  DEFAULT_PENDING_TTL_SECONDS,
  DEFAULT_TTL_SECONDS,
  type IdempotencyEntry,
  type IdempotencyStore,
  type IdempotencyTtl,
  verdict,
} from './port.js';

/**
 * Embedded mode: one process, so a bounded LRU with TTLs is the whole store. Keys do not survive
 * a restart, which is acceptable where the event store is a local file and there is one writer.
 */
export function createMemoryIdempotencyStore(options: IdempotencyTtl & { maxEntries?: number } = {}): IdempotencyStore {
  const ttlMs = (options.ttlSeconds ?? DEFAULT_TTL_SECONDS) * 1000;
  const pendingTtlMs = (options.pendingTtlSeconds ?? DEFAULT_PENDING_TTL_SECONDS) * 1000;
  const entries = new LRUCache<string, IdempotencyEntry>({ max: options.maxEntries ?? 100_000, ttl: ttlMs });
  const id = (scope: string, key: string) => `${scope}\u0000${key}`;
  return {
    async claim(scope, key, fingerprint) {
      const existing = entries.get(id(scope, key));
      if (existing) return verdict(existing, fingerprint);
      entries.set(id(scope, key), { state: 'pending', fingerprint }, { ttl: pendingTtlMs });
      return { outcome: 'claimed' };
    },
    async complete(scope, key, fingerprint, response) {
      entries.set(id(scope, key), { state: 'done', fingerprint, response }, { ttl: ttlMs });
    },
    async release(scope, key) {
      entries.delete(id(scope, key));
    },
    async ping() {
      return true;
    },
    async close() {
      entries.clear();
    },
  };
}
