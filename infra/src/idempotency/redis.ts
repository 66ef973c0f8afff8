import { Redis } from 'ioredis';
import { DependencyUnavailable } from '../http/dependency.js';
import {
  DEFAULT_PENDING_TTL_SECONDS,
  DEFAULT_TTL_SECONDS,
  type IdempotencyEntry,
  type IdempotencyStore,
  type IdempotencyTtl,
  verdict,
} from './port.js';

export class IdempotencyUnavailable extends DependencyUnavailable {
  override readonly name = 'IdempotencyUnavailable';
  constructor(cause: unknown) {
    super('idempotency store (Redis)', { cause });
  }
}

export interface RedisIdempotencyOptions extends IdempotencyTtl {
  /** Key prefix, so several deployments can share one Redis. Default `chartline:idem:`. */
  readonly prefix?: string;
}

/**
 * Redis keeps idempotency keys for every command-api pod. A claim is `SET NX` of a pending marker
 * with a short TTL, so of two concurrent repeats exactly one executes; the response replaces the
 * marker with the long TTL. Redis being down fails fast (no offline queue) and becomes a 503.
 */
export async function openRedisIdempotencyStore(
  url: string,
  options: RedisIdempotencyOptions & { readonly connectWaitMs?: number } = {},
): Promise<IdempotencyStore> {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
  // Connection errors are reported per command; an unhandled 'error' event would crash the process.
  redis.on('error', () => {});
  // Wait briefly for the connection so the first commands do not fail needlessly; if Redis is down
  // the process still starts (and answers 503 until it is back: ioredis keeps reconnecting).
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, options.connectWaitMs ?? 2000);
    redis.once('ready', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  return redisIdempotencyStore(redis, options, async () => {
    redis.disconnect();
  });
}

export function redisIdempotencyStore(
  redis: Redis,
  options: RedisIdempotencyOptions = {},
  onClose: () => Promise<void> = async () => {},
): IdempotencyStore {
  const prefix = options.prefix ?? 'chartline:idem:';
  const ttlMs = (options.ttlSeconds ?? DEFAULT_TTL_SECONDS) * 1000;
  const pendingTtlMs = (options.pendingTtlSeconds ?? DEFAULT_PENDING_TTL_SECONDS) * 1000;
  const redisKey = (scope: string, key: string) => `${prefix}${scope}:${key}`;
  const guarded = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw new IdempotencyUnavailable(error);
    }
  };

  return {
    claim: (scope, key, fingerprint) =>
      guarded(async () => {
        const pending: IdempotencyEntry = { state: 'pending', fingerprint };
        // The key may expire between the failed SET NX and the GET: then try again.
        for (let attempt = 0; attempt < 3; attempt++) {
          const set = await redis.set(redisKey(scope, key), JSON.stringify(pending), 'PX', pendingTtlMs, 'NX');
          if (set === 'OK') return { outcome: 'claimed' } as const;
          const raw = await redis.get(redisKey(scope, key));
          if (raw !== null) return verdict(JSON.parse(raw) as IdempotencyEntry, fingerprint);
        }
        return { outcome: 'in-progress' } as const;
      }),
    complete: (scope, key, fingerprint, response) =>
      guarded(async () => {
        const done: IdempotencyEntry = { state: 'done', fingerprint, response };
        await redis.set(redisKey(scope, key), JSON.stringify(done), 'PX', ttlMs);
      }),
    release: (scope, key) =>
      guarded(async () => {
        await redis.del(redisKey(scope, key));
      }),
    ping: async () => {
      try {
        return (await redis.ping()) === 'PONG';
      } catch {
        return false;
      }
    },
    close: onClose,
  };
}
