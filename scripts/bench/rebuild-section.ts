import { projectedModuleNames } from '@chartline/events';
import { rebuildModule, revealWith } from '@chartline/projections';
import { openPipelineAdapters } from '@chartline/projections/wiring';
import type { Figures } from './results.js';
import { perSecond } from './stats.js';
import type { BenchSystem } from './system.js';

/**
 * Blue/green rebuild of every module's read models from the run's event store into fresh MongoDB
 * collections, through the live handlers: events replayed per second over all modules.
 */
class TimeUp extends Error {}

/**
 * Time-boxed: the rebuild is abandoned (by its progress callback) once `seconds` have passed and the
 * rate so far is reported; its half-built collections go with the run's database.
 */
export async function benchRebuild(
  system: BenchSystem,
  figures: Figures,
  options: { seconds: number; log: (line: string) => void },
): Promise<void> {
  const log = options.log;
  if (!system.mongodbUrl) throw new Error('MONGODB_URL not set');
  const adapters = await openPipelineAdapters({
    eventStore: system.eventStoreUrl,
    mongodb: system.mongodbUrl,
    keyStore: system.eventStoreUrl,
    masterKey: system.masterKey,
  });
  try {
    let events = 0;
    const started = performance.now();
    const deadline = started + options.seconds * 1000;
    for (const module of projectedModuleNames) {
      let moduleEvents = 0;
      try {
        const result = await rebuildModule(
          { store: adapters.store, readStore: adapters.readStore, reveal: revealWith(adapters.keys) },
          module,
          (progress) => {
            moduleEvents = progress.events;
            if (performance.now() > deadline) throw new TimeUp();
          },
        );
        moduleEvents = result.events;
      } catch (error) {
        if (!(error instanceof TimeUp)) throw error;
        log(`rebuild: time box of ${options.seconds} s reached in ${module}`);
      }
      events += moduleEvents;
      if (performance.now() > deadline) break;
    }
    const millis = performance.now() - started;
    log(`rebuild: ${events} events into fresh collections in ${(millis / 1000).toFixed(1)} s`);
    figures.set('rebuild.events_per_s', events > 0 ? perSecond(events, millis) : null, 'the store held no events');
  } finally {
    await adapters.close();
  }
}
