import type { Registry } from 'prom-client';
import type { Cache } from '../cache/port.js';
import { counterOn } from './metrics.js';
import { inSpan } from './trace-context.js';

/**
 * The cache with a `cache.bump` span per generation bump: the last hop of a command's trace. The
 * announcements (`announce`, `onAnnouncement`) pass through when the cache has them: until
 * December 2026 they were dropped here, so production projectors (which wrap their Redis cache)
 * announced nothing and every read waiting on a consistency token slept its 250 ms fallback poll.
 */
export function instrumentCache(cache: Cache): Cache {
  return {
    ...(cache.announce ? { announce: (announcement) => cache.announce!(announcement) } : {}),
    ...(cache.onAnnouncement ? { onAnnouncement: (listener) => cache.onAnnouncement!(listener) } : {}),
    generation: (hospitalId, view) => cache.generation(hospitalId, view),
    bump: (hospitalId, view) =>
      inSpan({ name: 'cache.bump', options: { attributes: { 'chartline.view': view } } }, () =>
        cache.bump(hospitalId, view),
      ),
    get: (key) => cache.get(key),
    getAtGenerations: (hospitalId, views, key) => cache.getAtGenerations(hospitalId, views, key),
    set: (key, value, ttl) => cache.set(key, value, ttl),
    ping: () => cache.ping(),
    close: () => cache.close(),
  };
}

export type CacheResult = 'hit' | 'miss' | 'error';

/**
 * `chartline_cache_requests_total{view,result=hit|miss|error}`: the read API counts each cached
 * query lookup (an `error` is a cache that was down and read as a miss). Hit ratio =
 * hit / (hit + miss + error).
 */
export function cacheRequestCounter(registry: Registry): (view: string, result: CacheResult) => void {
  const requests = counterOn(registry, {
    name: 'chartline_cache_requests_total',
    help: 'Cached query lookups by view and result (hit, miss, error)',
    labelNames: ['view', 'result'] as const,
  });
  return (view, result) => requests.inc({ view, result });
}
