import { LRUCache } from 'lru-cache';
import { assertTtl, generationKey } from '../keys.js';
import { type AnswerKey, answerKey, type Cache, type ProjectionAnnouncement } from '../port.js';

/**
 * The cache of the embedded start. Generations live in a plain map, outside the LRU: evicting a
 * generation would reset it to 0 and revive stale entries cached under an old 0.
 */
export class LruCache implements Cache {
  private readonly generations = new Map<string, number>();
  private readonly values: LRUCache<string, string>;
  private readonly listeners = new Set<(announcement: ProjectionAnnouncement) => void>();

  constructor(options: { maxEntries?: number } = {}) {
    this.values = new LRUCache({ max: options.maxEntries ?? 10_000 });
  }

  async generation(hospitalId: string, view: string): Promise<number> {
    return this.generations.get(generationKey(hospitalId, view)) ?? 0;
  }

  async bump(hospitalId: string, view: string): Promise<number> {
    const key = generationKey(hospitalId, view);
    const next = (this.generations.get(key) ?? 0) + 1;
    this.generations.set(key, next);
    return next;
  }

  async get(key: string): Promise<string | null> {
    return this.values.get(key) ?? null;
  }

  async getAtGenerations(
    hospitalId: string,
    views: readonly string[],
    key: AnswerKey,
  ): Promise<{ generations: number[]; value: string | null }> {
    const generations = views.map((view) => this.generations.get(generationKey(hospitalId, view)) ?? 0);
    return { generations, value: this.values.get(answerKey(key, generations)) ?? null };
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    assertTtl(ttlSeconds);
    this.values.set(key, value, { ttl: ttlSeconds * 1000 });
  }

  async ping(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {
    this.values.clear();
    this.listeners.clear();
  }

  async announce(announcement: ProjectionAnnouncement): Promise<void> {
    for (const listener of [...this.listeners]) listener(announcement);
  }

  onAnnouncement(listener: (announcement: ProjectionAnnouncement) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
