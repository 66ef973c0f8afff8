/**
 * The cache port: Redis in production, an in-process LRU in the embedded start. Query results are
 * cached under a per-hospital, per-view generation number; a projector bumps the generation after
 * it writes, which invalidates every cached query of that view in O(1) (old keys just expire).
 * Reads must survive the cache being down: callers treat a CacheUnavailable as a miss.
 */
export interface Cache {
  /** Current generation of a hospital's view (0 if never bumped). */
  generation(hospitalId: string, view: string): Promise<number>;
  /** Increments and returns the new generation. */
  bump(hospitalId: string, view: string): Promise<number>;
  get(key: string): Promise<string | null>;
  /**
   * A cached answer under the current generations of a hospital's views, in one round trip: reads
   * each view's generation, then the value under `${key.before}${generations.join('.')}${key.after}`.
   * A read API hit made two round trips before (the generations, then the answer), and each was a
   * wait in a cached read's latency. Returns the generations read (the key to fill on a miss).
   */
  getAtGenerations(
    hospitalId: string,
    views: readonly string[],
    key: AnswerKey,
  ): Promise<{ generations: number[]; value: string | null }>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
  /**
   * Optional: tells every listener (every read-API replica) that a projector has applied a
   * hospital's events of a module up to `position`, so a read waiting for its consistency token
   * wakes at once instead of polling. Best effort: a lost announcement costs a poll interval.
   */
  announce?(announcement: ProjectionAnnouncement): Promise<void>;
  /** Optional: calls `listener` for every announcement (of any process); returns the unsubscribe. */
  onAnnouncement?(listener: (announcement: ProjectionAnnouncement) => void): () => void;
}

/** The parts of a cached answer's key around its views' generations (joined by '.'). */
export interface AnswerKey {
  readonly before: string;
  readonly after: string;
}

/** The key of an answer under these generations: what `getAtGenerations` reads and `set` fills. */
export function answerKey(key: AnswerKey, generations: readonly number[]): string {
  return `${key.before}${generations.join('.')}${key.after}`;
}

export interface ProjectionAnnouncement {
  readonly hospitalId: string;
  readonly module: string;
  readonly position: number;
  /**
   * The views (cache-generation names) the batch wrote for this hospital, so a listener can tell a
   * change of the bed board from one of another view (the read API's live streams). Absent from an
   * older publisher: treat as "any view of the module may have changed".
   */
  readonly views?: readonly string[];
}

export class CacheUnavailable extends Error {
  override readonly name = 'CacheUnavailable';
}
