import { LruCache } from './lru/cache.js';
import type { Cache } from './port.js';
import { openRedisCache, type RedisCacheOptions } from './redis/cache.js';

/** REDIS_URL chooses Redis; without it the in-process LRU of the embedded start serves. */
export async function openCache(url: string | undefined, options: RedisCacheOptions = {}): Promise<Cache> {
  return url ? openRedisCache(url, options) : new LruCache();
}
