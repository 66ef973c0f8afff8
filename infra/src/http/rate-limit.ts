import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { principalOf } from './auth.js';
import { HttpProblem } from './problem.js';

export interface RateLimitOptions {
  /** Requests one caller may make per window. */
  readonly requests: number;
  readonly windowSeconds: number;
  /**
   * Shared counters, so the limit holds across every replica. Absent: counted in this process
   * (the embedded start). With Redis down, each replica falls back to its own in-process count
   * rather than refusing or waving everything through.
   */
  readonly redis?: Redis;
  /** Counters' key prefix; one per API, so reads do not spend the command budget. */
  readonly keyPrefix: string;
}

/**
 * Per-caller rate limit (`rate-limiter-flexible`): after authentication, each token subject may
 * make `requests` per `windowSeconds`; beyond that, 429 problem+json with Retry-After. The key is
 * a hash of the subject, so no user id sits in Redis.
 */
export function rateLimit(options: RateLimitOptions): RequestHandler {
  const base = { points: options.requests, duration: options.windowSeconds, keyPrefix: options.keyPrefix };
  const local = new RateLimiterMemory(base);
  const limiter = options.redis
    ? new RateLimiterRedis({ ...base, storeClient: options.redis, useRedisPackage: false, insuranceLimiter: local })
    : local;
  return async (_req, res, next) => {
    const caller = createHash('sha256').update(principalOf(res).id).digest('base64url');
    try {
      const spent = await limiter.consume(caller);
      res.setHeader('RateLimit-Limit', String(options.requests));
      res.setHeader('RateLimit-Remaining', String(spent.remainingPoints));
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const retryAfter = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw new HttpProblem(
        429,
        'too-many-requests',
        'Too many requests',
        `This caller may make ${options.requests} requests per ${options.windowSeconds} s; retry after ${retryAfter} s.`,
        { limit: options.requests, windowSeconds: options.windowSeconds },
        { 'Retry-After': String(retryAfter), 'RateLimit-Limit': String(options.requests), 'RateLimit-Remaining': '0' },
      );
    }
    next();
  };
}

/** A Redis client for the counters: fails fast (no offline queue), so a Redis outage falls back at once. */
export function rateLimitRedis(url: string): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
  // Errors surface per command (and send the limiter to its in-process fallback); unheard, they would crash.
  redis.on('error', () => {});
  return redis;
}
