import { createHash } from 'node:crypto';
import { canonicalJson } from '@chartline/events';
import { answerKey, type Cache, CacheUnavailable } from '@chartline/infra';
import type { CacheResult } from '@chartline/infra/telemetry';
import { z } from 'zod';
import { ACCESSED_VIEWS, type Accessed, STAFF_ACCESSED_VIEWS } from './route.js';

/** Hits and misses of the query cache, for the metrics endpoint (cache hit ratio). */
export class QueryCacheCounters {
  hits = 0;
  misses = 0;
  /** Calls that found the cache down (each also counts as a miss). */
  unavailable = 0;
}

/**
 * Where each lookup's outcome goes besides the counters (`cacheRequestCounter(registry)`): once per
 * view the answer reads, so a view's hit ratio counts every route that depends on it.
 */
export type CacheLookupReport = (view: string, result: CacheResult) => void;

export interface CachedAnswer {
  /** The JSON body exactly as first sent. */
  readonly body: string;
  readonly accessed: readonly Accessed[];
  /** The body's ETag, computed once when the answer was made. */
  readonly etag?: string;
}

/**
 * How an answer is stored: `cl2|<etag>|<accessed JSON>` on the first line, then the body's bytes
 * as they are sent. A hit reads the small header and passes the body through untouched (an
 * earlier format nested the body as a JSON string inside JSON: every hit parsed, validated and
 * unescaped the whole answer, the read API's largest CPU cost per cached read). A body is
 * JSON.stringify output, which never holds a raw newline; the ETag never holds `|`.
 */
const FORMAT = 'cl2|';

const accessedShape = z.array(
  z.union([
    z.strictObject({ patientId: z.string(), view: z.enum(ACCESSED_VIEWS) }),
    z.strictObject({ staffId: z.string(), view: z.enum(STAFF_ACCESSED_VIEWS) }),
  ]),
);

/** The stored form of an answer (see FORMAT). */
export function encodeAnswer(answer: CachedAnswer & { etag: string }): string {
  return `${FORMAT}${answer.etag}|${JSON.stringify(answer.accessed)}\n${answer.body}`;
}

/** An answer as stored, or undefined for anything else (an older format, a damaged entry): a miss. */
export function decodeAnswer(raw: string): (CachedAnswer & { etag: string }) | undefined {
  if (!raw.startsWith(FORMAT)) return undefined;
  const newline = raw.indexOf('\n');
  const bar = raw.indexOf('|', FORMAT.length);
  if (newline < 0 || bar < 0 || bar > newline) return undefined;
  const accessed = accessedShape.safeParse(safeJson(raw.slice(bar + 1, newline)));
  if (!accessed.success) return undefined;
  return { etag: raw.slice(FORMAT.length, bar), accessed: accessed.data, body: raw.slice(newline + 1) };
}

/**
 * Cache-aside over the cache port. A key is the hospital, the route, the current generation of
 * every view the answer reads and a hash of the normalised input: a projector's bump makes every
 * older key unreachable at once (they expire on their own). The cache being down is a miss,
 * never an error: the read store answers.
 */
export class QueryCache {
  constructor(
    private readonly cache: Cache,
    readonly counters: QueryCacheCounters,
    private readonly ttlSeconds = 300,
    private readonly report: CacheLookupReport = () => {},
  ) {}

  private async guard<T>(call: () => Promise<T>): Promise<T | undefined> {
    const result = await this.attempt(call);
    return result.ok ? result.value : undefined;
  }

  private async attempt<T>(call: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false }> {
    try {
      return { ok: true, value: await call() };
    } catch (error) {
      if (error instanceof CacheUnavailable) {
        this.counters.unavailable += 1;
        return { ok: false };
      }
      throw error;
    }
  }

  /**
   * The answer cached for this query under its views' current generations, with the key to fill on
   * a miss (undefined when the cache is down: then the answer is neither read nor written). One
   * round trip to the cache (`getAtGenerations`); `views` also name the per-view report.
   */
  async lookup(
    hospitalId: string,
    routeId: string,
    views: readonly string[],
    input: unknown,
  ): Promise<{ key: string | undefined; answer: CachedAnswer | undefined }> {
    // Optional inputs left out are undefined in the parsed query; canonical JSON refuses undefined.
    const normalised: unknown = JSON.parse(JSON.stringify(input ?? null));
    const hash = createHash('sha256').update(canonicalJson(normalised)).digest('base64url');
    const at = { before: `q:${hospitalId}:${routeId}:`, after: `:${hash}` };
    const lookup = await this.attempt(() => this.cache.getAtGenerations(hospitalId, views, at));
    const raw = lookup.ok ? lookup.value.value : undefined;
    const parsed = typeof raw === 'string' ? decodeAnswer(raw) : undefined;
    const result: CacheResult = parsed ? 'hit' : lookup.ok ? 'miss' : 'error';
    for (const view of views) this.report(view, result);
    if (parsed) this.counters.hits += 1;
    else this.counters.misses += 1;
    return { key: lookup.ok ? answerKey(at, lookup.value.generations) : undefined, answer: parsed };
  }

  async set(key: string | undefined, answer: CachedAnswer & { etag: string }): Promise<void> {
    if (key === undefined) return;
    await this.guard(() => this.cache.set(key, encodeAnswer(answer), this.ttlSeconds));
  }
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}
