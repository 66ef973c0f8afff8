import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Figures } from './results.js';

export interface PipelineSectionOptions {
  readonly events: number;
  readonly postgresUrl?: string | undefined;
  readonly kafkaBrokers?: string | undefined;
  readonly mongodbUrl?: string | undefined;
  /** What serves mongodbUrl (scripts/services.sh env: CHARTLINE_MONGODB_SERVER). */
  readonly mongodbServer?: string | undefined;
  /** A second MongoDB-wire server measured beside it (BENCH_ALSO_MONGODB_URL, …_SERVER). */
  readonly alsoMongodb?: { readonly url: string; readonly server: string } | undefined;
  readonly redisUrl?: string | undefined;
  readonly log: (line: string) => void;
}

const KEYS = ['relay.events_per_s', 'projection.events_per_s'];

/** What this section reads of pipeline.ts's rows (that file is owned and typed by its author). */
interface PipelineRow {
  readonly adapters: string;
  readonly events: number;
  readonly relayEventsPerS: number;
  readonly projectionEventsPerS: number;
  readonly storeWritePerS?: number;
  readonly storeBulkWritePerS?: number;
  readonly rebuildEventsPerS?: number;
}
type BenchPipeline = (
  options: Record<string, string | number | { url: string; server: string }>,
) => Promise<readonly PipelineRow[]>;

/**
 * relay.events_per_s and projection.events_per_s from scripts/bench/pipeline.ts (its exported
 * benchPipeline: a backlog drained, PostgreSQL → Kafka → MongoDB when the servers are set). The
 * embedded adapters' figures are kept beside them as relay.embedded_events_per_s and
 * projection.embedded_events_per_s.
 */
export async function benchPipelineFigures(figures: Figures, options: PipelineSectionOptions): Promise<void> {
  if (!existsSync(join(import.meta.dirname, 'pipeline.ts'))) {
    return figures.unavailable(KEYS, 'scripts/bench/pipeline.ts (relay and projection throughput) does not exist yet');
  }
  // Loaded by path, so this suite still typechecks and runs while pipeline.ts is absent.
  const { benchPipeline } = (await import(pathToFileURL(join(import.meta.dirname, 'pipeline.ts')).href)) as {
    benchPipeline: BenchPipeline;
  };
  const rows = await benchPipeline({
    events: options.events,
    // The embedded adapters twice over the same events: the first run is mostly the JIT warming up
    // (~8k events per CPU-second cold against 30k+ warm, measured 2026-12-01), which a projector
    // running for days pays once. The second run gives the embedded keys; the first is kept as
    // *.embedded_cold_events_per_s.
    repeat: 2,
    ...(options.postgresUrl ? { postgresUrl: options.postgresUrl } : {}),
    ...(options.kafkaBrokers ? { kafkaBrokers: options.kafkaBrokers } : {}),
    ...(options.mongodbUrl ? { mongodbUrl: options.mongodbUrl } : {}),
    ...(options.mongodbServer ? { mongodbServer: options.mongodbServer } : {}),
    ...(options.alsoMongodb ? { alsoMongodb: options.alsoMongodb } : {}),
    ...(options.redisUrl ? { redisUrl: options.redisUrl } : {}),
  });
  for (const [index, row] of rows.entries()) {
    if (row.adapters === 'embedded' && index === 0 && rows[1]?.adapters === 'embedded') {
      options.log(
        `pipeline (embedded, cold: JIT warming up): ${row.events} events; projection ${row.projectionEventsPerS}/s`,
      );
      continue;
    }
    options.log(
      `pipeline (${row.adapters}): ${row.events} events; relay ${row.relayEventsPerS}/s, projection ${row.projectionEventsPerS}/s`,
    );
  }
  const embeddedRuns = rows.filter((r) => r.adapters === 'embedded');
  const cold = embeddedRuns[0];
  const embedded = embeddedRuns.at(-1);
  const real = rows.find((r) => r.adapters !== 'embedded');
  figures.set(
    'projection.embedded_cold_events_per_s',
    cold?.projectionEventsPerS ?? null,
    'embedded pipeline not measured',
  );
  figures.set('rebuild.embedded_cold_events_per_s', cold?.rebuildEventsPerS ?? null, 'embedded pipeline not measured');
  figures.set('relay.embedded_events_per_s', embedded?.relayEventsPerS ?? null, 'embedded pipeline not measured');
  figures.set(
    'projection.embedded_events_per_s',
    embedded?.projectionEventsPerS ?? null,
    'embedded pipeline not measured',
  );
  const why = 'POSTGRES_URL, KAFKA_BROKERS and MONGODB_URL are needed for the production pipeline';
  figures.set('relay.events_per_s', real?.relayEventsPerS ?? null, why);
  figures.set('projection.events_per_s', real?.projectionEventsPerS ?? null, why);
  // The read store's own write rate for the projection's documents, in the same run (issue 20 item 4).
  figures.set('projection.store_write_per_s', real?.storeWritePerS ?? null, why);
  figures.set('projection.store_bulk_write_per_s', real?.storeBulkWritePerS ?? null, why);
  figures.set(
    'projection.embedded_store_write_per_s',
    embedded?.storeWritePerS ?? null,
    'embedded pipeline not measured',
  );
  figures.set('rebuild.embedded_events_per_s', embedded?.rebuildEventsPerS ?? null, 'embedded pipeline not measured');
  figures.set('rebuild.pipeline_events_per_s', real?.rebuildEventsPerS ?? null, why);
  // Per MongoDB-wire server, named (FerretDB's two backends side by side when both were given).
  for (const row of rows.filter((r) => r.adapters !== 'embedded')) {
    const server = serverKey(row.adapters);
    if (!server) continue;
    figures.set(`projection.${server}.events_per_s`, row.projectionEventsPerS, why);
    figures.set(`projection.${server}.store_write_per_s`, row.storeWritePerS ?? null, why);
    figures.set(`projection.${server}.store_bulk_write_per_s`, row.storeBulkWritePerS ?? null, why);
    figures.set(`rebuild.${server}.events_per_s`, row.rebuildEventsPerS ?? null, why);
  }
}

/** `postgres→kafka→mongodb+redis (ferretdb-postgresql)` → `ferretdb_postgresql`; none named → undefined. */
export function serverKey(adapters: string): string | undefined {
  const named = /\(([^)]+)\)$/.exec(adapters)?.[1];
  return named?.replace(/[^a-z0-9]+/gi, '_').toLowerCase();
}
