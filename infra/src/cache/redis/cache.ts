import { Redis } from 'ioredis';
import { assertTtl, generationKey } from '../keys.js';
import { type AnswerKey, type Cache, CacheUnavailable, type ProjectionAnnouncement } from '../port.js';

/**
 * getAtGenerations in one round trip: KEYS are the views' generation keys (ioredis prefixes them),
 * ARGV the answer key's parts around the generations, the key prefix included (ioredis does not
 * prefix what a script builds). Returns the generations ('0' for one never bumped), then the answer
 * or nil. The answer's key is not among KEYS because it depends on what the script reads: fine on
 * one Redis, which is what Chartline runs; a Redis Cluster would refuse it.
 */
const GET_AT_GENERATIONS = `
local out = {}
for i = 1, #KEYS do
  out[i] = redis.call('GET', KEYS[i]) or '0'
end
out[#KEYS + 1] = redis.call('GET', ARGV[1] .. table.concat(out, '.') .. ARGV[2]) or false
return out
`;

type WithScript = Redis & {
  getAtGenerations(numberOfKeys: number, ...keysAndArgs: string[]): Promise<(string | null)[]>;
};

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
  return new RedisCache(redis, `${options.keyPrefix ?? 'chartline:cache:'}projected`);
}

export class RedisCache implements Cache {
  private subscriber: Redis | undefined;
  private readonly listeners = new Set<(announcement: ProjectionAnnouncement) => void>();

  /** `channel`: where announcements go (Redis does not prefix channels, so it carries the key prefix). */
  constructor(
    private readonly redis: Redis,
    private readonly channel = 'chartline:cache:projected',
  ) {
    // EVALSHA, and EVAL once when the server does not know the script yet (ioredis does both).
    redis.defineCommand('getAtGenerations', { lua: GET_AT_GENERATIONS });
  }

  async announce(announcement: ProjectionAnnouncement): Promise<void> {
    const { hospitalId, module, position, views } = announcement;
    await this.call(() =>
      this.redis.publish(this.channel, JSON.stringify({ hospitalId, module, position, ...(views ? { views } : {}) })),
    );
  }

  onAnnouncement(listener: (announcement: ProjectionAnnouncement) => void): () => void {
    this.listeners.add(listener);
    if (!this.subscriber) {
      // A connection of its own: one in subscriber mode can run nothing else. ioredis resubscribes
      // after a reconnect; what is published meanwhile is lost, which the waiters' poll covers.
      const subscriber = this.redis.duplicate({ enableOfflineQueue: true, commandTimeout: undefined });
      subscriber.on('error', () => {});
      subscriber.on('message', (channel: string, message: string) => {
        if (channel !== this.channel) return;
        const announcement = parseAnnouncement(message);
        if (announcement) for (const each of [...this.listeners]) each(announcement);
      });
      subscriber.subscribe(this.channel).catch(() => {});
      this.subscriber = subscriber;
    }
    return () => this.listeners.delete(listener);
  }

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

  async getAtGenerations(
    hospitalId: string,
    views: readonly string[],
    key: AnswerKey,
  ): Promise<{ generations: number[]; value: string | null }> {
    const prefix = this.redis.options.keyPrefix ?? '';
    const reply = await this.call(() =>
      (this.redis as WithScript).getAtGenerations(
        views.length,
        ...views.map((view) => generationKey(hospitalId, view)),
        `${prefix}${key.before}`,
        key.after,
      ),
    );
    const generations = reply.slice(0, views.length).map(Number);
    const value = reply[views.length] ?? null;
    return { generations, value: typeof value === 'string' ? value : null };
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
    this.listeners.clear();
    this.subscriber?.disconnect();
    this.subscriber = undefined;
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

function parseAnnouncement(message: string): ProjectionAnnouncement | undefined {
  try {
    const value = JSON.parse(message) as Record<string, unknown>;
    const { hospitalId, module, position, views } = value;
    if (typeof hospitalId !== 'string' || typeof module !== 'string' || typeof position !== 'number') return undefined;
    const named = Array.isArray(views) ? views.filter((v): v is string => typeof v === 'string') : undefined;
    return { hospitalId, module, position, ...(named ? { views: named } : {}) };
  } catch {
    return undefined;
  }
}
