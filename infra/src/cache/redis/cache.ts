import { Redis } from 'ioredis';
import { assertTtl, generationKey } from '../keys.js';
import { type Cache, CacheUnavailable } from '../port.js';

export interface RedisCacheOptions {
  /** Prepended to every key, so deployments (and test runs) can share one Redis. Default `chartline:cache:`. */
  readonly keyPrefix?: string;
  /** How long one command may take before the cache counts as down. Default 500 ms. */
  readonly commandTimeoutMs?: number;
}

/**
 * The production cache. A cache that is down must cost a read almost nothing, because the read
 * API then goes to MongoDB: no offline queue, one retry, a short command timeout, so every call
 * fails fast with CacheUnavailable while ioredis reconnects in the background.
 */
export async function openRedisCache(url: string, options: RedisCacheOptions = {}): Promise<RedisCache> {
  const redis = new Redis(url, {
    lazyConnect: true,
    keyPrefix: options.keyPrefix ?? 'chartline:cache:',
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 1000,
    commandTimeout: options.commandTimeoutMs ?? 500,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
  // Failures surface per call as CacheUnavailable; an unhandled 'error' event would crash the process.
  redis.on('error', () => {});
  // A cache that is down at start is not fatal: reads fall back to MongoDB until it comes up.
  await redis.connect().catch(() => {});
  return new RedisCache(redis);
}

export class RedisCache implements Cache {
  constructor(private readonly redis: Redis) {}

  async generation(hospitalId: string, view: string): Promise<number> {
    const value = await this.call(() => this.redis.get(generationKey(hospitalId, view)));
    return value === null ? 0 : Number(value);
  }

  bump(hospitalId: string, view: string): Promise<number> {
    // INCR is atomic, and a generation never expires: losing it would revive stale entries.
    return this.call(() => this.redis.incr(generationKey(hospitalId, view)));
  }

  get(key: string): Promise<string | null> {
    return this.call(() => this.redis.get(key));
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    assertTtl(ttlSeconds);
    await this.call(() => this.redis.set(key, value, 'EX', ttlSeconds));
  }

  async ping(): Promise<boolean> {
    try {
      return (await this.call(() => this.redis.ping())) === 'PONG';
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.redis.status === 'ready') await this.redis.quit().catch(() => this.redis.disconnect());
    else this.redis.disconnect();
  }

  private async call<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw new CacheUnavailable('cache (Redis) is unavailable', { cause: error });
    }
  }
}
