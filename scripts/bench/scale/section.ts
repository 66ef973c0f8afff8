/**
 * The scale section (`npm run bench -- --only scale`; part of the full run, not of --quick): how
 * cost grows with the event store's size, with a hospital's patients, and with time under load.
 * Each part runs on its own system (fresh database) and is recorded as a series in the results
 * file; the evidence (EXPLAIN plans, how the stores were filled) goes to `scale-notes.txt` beside it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Figures } from '../results.js';
import { type BenchSystem, type ServiceUrls, startSystem } from '../system.js';
import { benchPatientReads } from './patient-reads.js';
import { growth, SCALE_SERIES, soakProcesses } from './series.js';
import { benchSoak } from './soak.js';
import { benchStoreSize } from './store-size.js';

export interface ScalePlan {
  readonly storeSizes: readonly number[];
  readonly patientSizes: readonly number[];
  readonly commandRate: number;
  readonly commandSeconds: number;
  readonly repetitions: number;
  readonly appendSeconds: number;
  readonly rebuildSeconds: number;
  readonly readClients: number;
  readonly readSeconds: number;
  readonly soakSeconds: number;
  readonly soakRate: number;
  readonly soakSampleSeconds: number;
}

export const FULL_SCALE_PLAN: ScalePlan = {
  storeSizes: [10_000, 100_000, 1_000_000],
  patientSizes: [1_000, 10_000, 100_000],
  commandRate: 20,
  commandSeconds: 15,
  repetitions: 2,
  appendSeconds: 3,
  rebuildSeconds: 180,
  readClients: 4,
  readSeconds: 6,
  soakSeconds: 600,
  soakRate: 10,
  soakSampleSeconds: 10,
};

/** Scalar keys the section sets (besides its series), so a run that could not measure them says why. */
export const SCALE_KEYS = [
  'scale.store_events_max',
  'scale.command_p99_growth',
  'scale.append_single_c16_growth',
  'scale.rebuild_events_per_s_growth',
  'scale.patients_max',
  'scale.summary_uncached_p50_growth',
  'scale.name_search_uncached_p50_growth',
  'scale.list_page_uncached_p50_growth',
  'scale.soak_seconds',
  'scale.soak_commands',
  'scale.soak_errors',
  'scale.soak_p99_ms',
] as const;

export async function benchScale(
  figures: Figures,
  options: { urls: ServiceUrls; plan: ScalePlan; out: string; log: (line: string) => void },
): Promise<void> {
  const { plan, log } = options;
  const notes: string[] = [];
  const run = async (which: { pipeline: boolean; readApi?: boolean }, part: (s: BenchSystem) => Promise<void>) => {
    const system = await startSystem(options.urls, log, which);
    try {
      await part(system);
    } finally {
      await system.stop();
    }
  };
  const attempt = async (name: string, keys: readonly string[], part: () => Promise<void>) => {
    try {
      await part();
    } catch (error) {
      const reason = `scale ${name} failed: ${error instanceof Error ? error.message : String(error)}`.slice(0, 300);
      log(reason);
      figures.unavailable(keys, reason);
    }
  };

  if (plan.storeSizes.length > 0)
    await attempt('store size', SCALE_KEYS.slice(0, 4), () =>
      run({ pipeline: false }, async (system) => {
        const result = await benchStoreSize(system, {
          sizes: plan.storeSizes,
          commandRate: plan.commandRate,
          commandSeconds: plan.commandSeconds,
          repetitions: plan.repetitions,
          appendSeconds: plan.appendSeconds,
          rebuildSeconds: plan.rebuildSeconds,
          log,
        });
        figures.setSeries(SCALE_SERIES.store, result.rows);
        figures.set('scale.store_events_max', result.rows.at(-1)?.['events'] ?? null, 'no size measured');
        figures.set('scale.command_p99_growth', growth(result.rows, 'command_p99_ms'), 'fewer than two sizes');
        figures.set(
          'scale.append_single_c16_growth',
          growth(result.rows, 'append_single_c16_per_s'),
          'fewer than two sizes',
        );
        figures.set(
          'scale.rebuild_events_per_s_growth',
          growth(result.rows, 'rebuild_events_per_s'),
          'fewer than two sizes',
        );
        notes.push(`## The event store\n\nFilled with ${result.fill}.\n\n${result.explain}`);
      }),
    );

  if (plan.patientSizes.length > 0)
    await attempt('patient reads', SCALE_KEYS.slice(4, 8), () =>
      run({ pipeline: false, readApi: true }, async (system) => {
        const result = await benchPatientReads(system, {
          sizes: plan.patientSizes,
          clients: plan.readClients,
          seconds: plan.readSeconds,
          log,
        });
        figures.setSeries(SCALE_SERIES.reads, result.rows);
        figures.set('scale.patients_max', result.rows.at(-1)?.['patients'] ?? null, 'no size measured');
        for (const kind of ['summary', 'name_search', 'list_page'])
          figures.set(
            `scale.${kind}_uncached_p50_growth`,
            growth(result.rows, `${kind}_uncached_p50_ms`),
            'fewer than two sizes',
          );
        notes.push(`## The patients read model\n\nFilled: ${result.fill}.\n\n${result.explain}`);
      }),
    );

  if (plan.soakSeconds > 0)
    await attempt('soak', SCALE_KEYS.slice(8), () =>
      run({ pipeline: true }, async (system) => {
        if (!system.readApiUrl) throw new Error(system.missing['pipeline'] ?? 'the pipeline did not start');
        const result = await benchSoak(system, {
          seconds: plan.soakSeconds,
          ratePerSecond: plan.soakRate,
          sampleSeconds: plan.soakSampleSeconds,
          log,
        });
        figures.setSeries(SCALE_SERIES.soak, result.rows);
        figures.set('scale.soak_seconds', plan.soakSeconds);
        figures.set('scale.soak_commands', result.commands);
        figures.set('scale.soak_errors', result.errors);
        figures.set('scale.soak_p99_ms', result.p99, 'no commands answered');
        // Growth past the warm-up: the last sample against the one a tenth of the way in.
        const warm = result.rows.slice(Math.floor(result.rows.length / 10));
        for (const process of soakProcesses(result.rows)) {
          for (const what of ['rss', 'heap']) {
            const key = `${process}_${what}_mb`;
            const first = warm[0]?.[key];
            const last = warm.at(-1)?.[key];
            figures.set(
              `scale.soak_${what}_growth_mb.${process}`,
              typeof first === 'number' && typeof last === 'number' ? Math.round((last - first) * 10) / 10 : null,
              `no ${what} samples`,
            );
          }
        }
      }),
    );

  if (notes.length > 0) {
    mkdirSync(options.out, { recursive: true });
    const path = join(options.out, 'scale-notes.txt');
    writeFileSync(path, `${notes.join('\n\n')}\n`);
    log(`scale notes ${path}`);
  }
}
