import { LRUCache } from 'lru-cache';

/**
 * A bounded, in-process cache in front of a slow lookup: an answer is reused for `ttlMs`, at most
 * `max` answers are kept (least recently used go first), and concurrent misses for one key share
 * one load. A failed load is not cached, so the next request asks again. Per process: replicas do
 * not share it, so after a change each may answer the old value for up to `ttlMs`.
 */
export interface TtlLookup<V> {
  get(key: string): Promise<V>;
  /** Forget a key now (this process just changed what it names). */
  forget(key: string): void;
}

export interface TtlLookupOptions<V> {
  readonly ttlMs: number;
  readonly max: number;
  /** A TTL per answer (e.g. shorter for "not found", which a write elsewhere may soon change). */
  readonly ttlFor?: (value: V) => number;
}

export function ttlLookup<V extends object>(
  load: (key: string) => Promise<V>,
  options: TtlLookupOptions<V>,
): TtlLookup<V> {
  const ttlFor = options.ttlFor;
  const cache = new LRUCache<string, V>({
    max: options.max,
    ttl: options.ttlMs,
    // Time is checked on every get (not a timer per entry), so an expired answer is never served.
    ttlAutopurge: false,
    fetchMethod: async (key, _stale, { options: set }) => {
      const value = await load(key);
      if (ttlFor) set.ttl = ttlFor(value);
      return value;
    },
  });
  return {
    async get(key) {
      const value = await cache.fetch(key);
      // fetchMethod never resolves undefined (load returns a V), so this only guards the typing.
      if (value === undefined) throw new Error(`lookup of ${key} answered nothing`);
      return value;
    },
    forget(key) {
      cache.delete(key);
    },
  };
}
