import type { Cache, EventStore, ReadStore, RecordedEvent } from '@chartline/infra';
import { projectionFor } from '../registry.js';
import { Applier, type BatchProgress } from '../runtime/applier.js';
import { decodeStored } from '../runtime/decode.js';
import type { RevealPersonalData } from '../runtime/personal-data.js';
import { liveNaming, rebuildNaming } from '../runtime/view-naming.js';

export interface RebuildDeps {
  readonly store: EventStore;
  readonly readStore: ReadStore;
  readonly reveal: RevealPersonalData;
  /** When given, every rebuilt hospital's views get a new generation after the switch. */
  readonly cache?: Cache;
  /** Prefix of the live collections (as the projector and read API are configured). */
  readonly prefix?: string;
  readonly pageSize?: number;
  /**
   * Events applied in memory before their documents are written (one bulk insert per view for the
   * new ones). Default 5,000. The catch-up into the live collections writes per page, guarded.
   */
  readonly foldEvents?: number;
  readonly now?: () => Date;
}

export interface RebuildProgress {
  readonly phase: 'replay' | 'switch' | 'catch-up' | 'done';
  readonly events: number;
  /** Event-store position reached, and the head when the rebuild started (events of every module). */
  readonly position: number;
  readonly head: number;
  readonly eventsPerSecond: number;
}

export interface RebuildResult {
  readonly module: string;
  readonly events: number;
  readonly position: number;
  /** Per view, the fresh collection that now serves under the live name. */
  readonly replaced: Readonly<Record<string, string>>;
}

/**
 * Blue/green rebuild of one module's read models: replay the module's events from the event store
 * through the same handlers the live projector runs, into fresh collections `<view>__<stamp>`;
 * when a page comes back short (caught up), rename each fresh collection over the live one
 * (dropping the old), then replay what arrived meanwhile into the live names. The guarded upserts
 * make that overlap with a running projector harmless; for a switch with no overlap at all, scale
 * the module's projector to zero while it runs (the embedded start rebuilds before it starts them).
 */
export async function rebuildModule(
  deps: RebuildDeps,
  module: string,
  onProgress: (progress: RebuildProgress) => void = () => {},
): Promise<RebuildResult> {
  const projection = projectionFor(module);
  const now = deps.now ?? (() => new Date());
  const suffix = now().toISOString().replace(/\D/g, '').slice(0, 17);
  const fresh = rebuildNaming(suffix, deps.prefix);
  const live = liveNaming(deps.prefix);
  const pageSize = deps.pageSize ?? 1_000;
  const filter = { eventTypePrefixes: [`${module}.`] };
  const head = await deps.store.headPosition();
  const started = Date.now();
  const hospitals = new Set<string>();
  let events = 0;
  let position = 0;

  const report = (phase: RebuildProgress['phase'], shown = events, at = position) => {
    const seconds = Math.max(0.001, (Date.now() - started) / 1000);
    onProgress({ phase, events: shown, position: at, head: Math.max(head, at), eventsPerSecond: shown / seconds });
  };

  /**
   * Pages are folded in memory and written in bulk (up to foldEvents at a time), but progress is
   * reported per page read, so the bar moves while a large fold is still in memory; the rebuild
   * resumes from what is committed (`position`), never from what was only read.
   */
  async function replay(applier: Applier, phase: RebuildProgress['phase'], foldEvents = 0): Promise<void> {
    let read = position;
    let progress: BatchProgress = new Map();
    let pending = 0;
    const commit = async () => {
      await applier.commit(progress);
      progress = new Map();
      events += pending;
      position = read;
      pending = 0;
      report(phase);
    };
    for (;;) {
      const page = await deps.store.readAll({ after: read, filter, maxCount: pageSize });
      if (page.length > 0) {
        await applyPage(applier, page, progress);
        pending += page.length;
        read = page[page.length - 1]!.position;
      }
      const last = page.length < pageSize;
      if (pending > 0 && (pending >= foldEvents || last)) await commit();
      else if (page.length > 0) report(phase, events + pending, read);
      if (last) return;
    }
  }

  async function applyPage(applier: Applier, page: readonly RecordedEvent[], progress: BatchProgress): Promise<void> {
    const byHospital = new Map<string, RecordedEvent[]>();
    for (const event of page) {
      const hospitalId = String(event.metadata['hospitalId']);
      const list = byHospital.get(hospitalId) ?? [];
      if (list.length === 0) byHospital.set(hospitalId, list);
      list.push(event);
    }
    await Promise.all(
      [...byHospital].map(async ([hospitalId, list]) => {
        hospitals.add(hospitalId);
        for (const event of list) await applier.apply(decodeStored(event), progress);
      }),
    );
  }

  const building = new Applier(projection, {
    readStore: deps.readStore,
    naming: fresh,
    reveal: deps.reveal,
    fresh: true,
  });
  await building.ensureIndexes();
  await replay(building, 'replay', deps.foldEvents ?? 5_000);

  report('switch');
  const replaced: Record<string, string> = {};
  for (const view of projection.views) {
    const from = fresh.collection(view.name);
    await deps.readStore.renameCollection(from, live.collection(view.name), { dropTarget: true });
    replaced[view.name] = from;
  }

  const serving = new Applier(projection, { readStore: deps.readStore, naming: live, reveal: deps.reveal });
  await replay(serving, 'catch-up');
  if (deps.cache) {
    for (const hospitalId of hospitals)
      for (const view of projection.views) await deps.cache.bump(hospitalId, view.name);
  }
  report('done');
  return { module, events, position, replaced };
}
