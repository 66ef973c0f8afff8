/**
 * How the write side's cost grows with the event store's size: the store is filled to each size in
 * turn (fill-store.ts), and at each size the bench measures a rebuild of every module's read models
 * (in memory, so the fold and the store's reads are timed, not the read store's writes), command
 * latency over HTTP (open loop against the real command-API process) and raw append rates.
 */
import { loadavg } from 'node:os';
import { projectedModuleNames } from '@chartline/events';
import { type EventStore, MemoryReadStore, openEventStore } from '@chartline/infra';
import { type RebuildProgress, rebuildModule, revealWith } from '@chartline/projections';
import pg from 'pg';
import { generateWorkload } from '../../generate/workload.js';
import { cell } from '../append.js';
import { httpStepSender } from '../http-steps.js';
import { runOpenLoop } from '../open-loop.js';
import type { SeriesRow } from '../results.js';
import { ms, perSecond, summarise } from '../stats.js';
import type { BenchSystem } from '../system.js';
import { copiedKeys, fillStore, makeTemplate, type Template } from './fill-store.js';

export interface StoreSizeOptions {
  /** Event counts to fill the store to, ascending. */
  readonly sizes: readonly number[];
  /** Open loop per size: commands per second, seconds, repetitions. */
  readonly commandRate: number;
  readonly commandSeconds: number;
  readonly repetitions: number;
  readonly appendSeconds: number;
  /** A rebuild still running after this long is stopped and its rate so far reported. */
  readonly rebuildSeconds: number;
  readonly log: (line: string) => void;
}

export interface StoreSizeResult {
  readonly rows: SeriesRow[];
  /** EXPLAIN (ANALYZE, BUFFERS) of the command's stream load and a rebuild page, at the largest size. */
  readonly explain: string;
  /** How the store was filled, for the docs. */
  readonly fill: string;
}

class TimeUp extends Error {}

/** The 1-minute load average, two decimals: printed beside each figure (the machine is shared). */
export const load1 = () => Math.round(loadavg()[0]! * 100) / 100;

export async function benchStoreSize(system: BenchSystem, options: StoreSizeOptions): Promise<StoreSizeResult> {
  const { log } = options;
  const store = await openEventStore(system.eventStoreUrl);
  const db = new pg.Client(system.eventStoreUrl);
  await db.connect();
  try {
    const template = await makeTemplate({ hospitals: 4, days: 2, seed: 'scale-template' });
    log(`scale: template of ${template.events.length} events (${template.hospitals.length} hospitals × 2 days)`);
    const state = { nextCopy: 1 };
    const rows: SeriesRow[] = [];
    let fillEvents = 0;
    let fillMillis = 0;
    for (const size of options.sizes) {
      const fill = await fillStore(store, template, size, state);
      fillEvents += fill.events;
      fillMillis += fill.millis;
      const events = await store.headPosition();
      const bytes = Number(
        (await db.query(`SELECT pg_total_relation_size('eventstore.events') AS b`)).rows[0]?.b ?? Number.NaN,
      );
      log(
        `scale: store at ${events} events (${Math.round(bytes / 1e6)} MB with indexes): +${fill.events} in ${(fill.millis / 1000).toFixed(1)} s (${perSecond(fill.events, fill.millis)}/s, load ${load1()})`,
      );
      const row: Record<string, number | null> = {
        events,
        table_mb: Number.isFinite(bytes) ? Math.round(bytes / 1e5) / 10 : null,
        fill_events_per_s: perSecond(fill.events, fill.millis),
      };
      Object.assign(row, await rebuildAll(store, template, options.rebuildSeconds, log));
      Object.assign(row, await commandsAt(system, size, options));
      const single = await cell(store, 1, 16, options.appendSeconds);
      const batch = await cell(store, 100, 16, options.appendSeconds);
      row['append_single_c16_per_s'] = single.eventsPerSecond;
      row['append_batch100_c16_per_s'] = batch.eventsPerSecond;
      row['append_load_1m'] = load1();
      log(
        `scale: appends at ${events}: single c16 ${single.eventsPerSecond}/s, batch100 c16 ${batch.eventsPerSecond}/s (load ${row['append_load_1m']})`,
      );
      rows.push(row);
    }
    const explain = await explainAt(db, template);
    return {
      rows,
      explain,
      fill: `copies of a ${template.events.length}-event template (${template.hospitals.length} hospitals × 2 days decided by the command pipeline in memory), each re-sealed under new hospital ids and appended with appendToStreams, 4 copies in flight: ${fillEvents} events in ${(fillMillis / 1000).toFixed(0)} s (${perSecond(fillEvents, fillMillis)}/s)`,
    };
  } finally {
    await db.end();
    await store.close();
  }
}

/** Every projected module rebuilt from the whole store into memory, one module at a time. */
async function rebuildAll(
  store: EventStore,
  template: Template,
  seconds: number,
  log: (line: string) => void,
): Promise<Record<string, number | null>> {
  const reveal = revealWith(copiedKeys(template));
  const started = performance.now();
  const cpu = process.cpuUsage();
  const deadline = started + seconds * 1000;
  let events = 0;
  let complete = true;
  for (const module of projectedModuleNames) {
    let moduleEvents = 0;
    try {
      const result = await rebuildModule(
        // A fresh in-memory store per module: what one module's views hold, not all of them at once.
        { store, readStore: new MemoryReadStore(), reveal },
        module,
        (progress: RebuildProgress) => {
          moduleEvents = progress.events;
          if (performance.now() > deadline) throw new TimeUp();
        },
      );
      moduleEvents = result.events;
    } catch (error) {
      if (!(error instanceof TimeUp)) throw error;
      complete = false;
    }
    events += moduleEvents;
    if (!complete) break;
  }
  const millis = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const load = load1();
  log(
    `scale: rebuild (in memory) ${events} events in ${(millis / 1000).toFixed(1)} s${complete ? '' : ` (time box of ${seconds} s reached)`}, ${perSecond(events, millis)}/s, CPU ${((used.user + used.system) / 1000 / Math.max(1, millis)).toFixed(2)} of a core (load ${load})`,
  );
  return {
    rebuild_events: events,
    // A rebuild stopped by its time box has no total time: only its rate so far is kept.
    rebuild_s: complete ? Math.round(millis / 100) / 10 : null,
    rebuild_events_per_s: perSecond(events, millis),
    rebuild_cpu_ms_per_1k_events: events > 0 ? ms(((used.user + used.system) / 1000 / events) * 1000) : null,
    rebuild_load_1m: load,
  };
}

/** Open loop over HTTP against the command API, new hospitals each repetition; percentiles over all of them. */
async function commandsAt(system: BenchSystem, size: number, options: StoreSizeOptions) {
  const baseUrl = `http://127.0.0.1:${system.commandApi.port}`;
  const latencies: number[] = [];
  let errors = 0;
  let achieved = 0;
  const wanted = Math.ceil(options.commandRate * options.commandSeconds);
  for (let rep = 1; rep <= options.repetitions; rep++) {
    const steps = generateWorkload({
      hospitals: 8,
      days: 3,
      seed: `scale-${size}-${rep}`,
      hospitalPrefix: `scale-o${size}r${rep}`,
    }).slice(0, wanted);
    const send = httpStepSender({ baseUrl, tokenFor: system.tokenFor, runId: `scale-${size}-${rep}-${Date.now()}` });
    const run = await runOpenLoop({
      items: steps,
      ratePerSecond: options.commandRate,
      laneOf: (step) => step.hospitalId,
      send: async (step, index) => {
        await send(step, index);
      },
    });
    latencies.push(...run.latencies);
    errors += run.errors;
    achieved += run.achievedPerSecond / options.repetitions;
  }
  const summary = summarise(latencies);
  const load = load1();
  options.log(
    `scale: commands at ${size} events, ${options.commandRate}/s × ${options.commandSeconds} s × ${options.repetitions}: p50 ${ms(summary.p50)} ms, p99 ${ms(summary.p99)} ms, ${errors} failed (load ${load})`,
  );
  return {
    command_p50_ms: errors === 0 ? ms(summary.p50) : null,
    command_p99_ms: errors === 0 ? ms(summary.p99) : null,
    command_achieved_per_s: Math.round(achieved * 10) / 10,
    command_errors: errors,
    command_load_1m: load,
  };
}

/** What PostgreSQL does for the two reads that could grow with the table: a command's stream load and a rebuild's page. */
async function explainAt(db: pg.Client, template: Template): Promise<string> {
  // A stream the copies hold (the platform-wide streams are not copied).
  const first = template.events.find((e) => template.hospitals.includes(e.hospitalId))!;
  const stream = first.streamId.replace(`-${first.hospitalId}.`, `-${first.hospitalId}-c1.`);
  const plans: string[] = [];
  const explain = async (title: string, sql: string, params: unknown[]) => {
    const result = await db.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
    plans.push(`-- ${title}\n${result.rows.map((r) => r['QUERY PLAN']).join('\n')}`);
  };
  await explain(
    "a command's stream load (readStreams)",
    `SELECT r.i, e.* FROM unnest($1::text[], $2::boolean[]) WITH ORDINALITY AS r(stream_id, tail, i)
       JOIN eventstore.streams st ON st.stream_id = r.stream_id AND st.revision >= 0
       LEFT JOIN LATERAL (
         (SELECT * FROM eventstore.events WHERE stream_id = r.stream_id AND NOT r.tail ORDER BY revision)
         UNION ALL
         (SELECT * FROM eventstore.events WHERE stream_id = r.stream_id AND r.tail ORDER BY revision DESC LIMIT 1)
       ) e ON true
       ORDER BY r.i, e.revision`,
    [[stream], [false]],
  );
  await explain(
    "a rebuild's page of one module (readAll, type prefix, 1,000 after position p)",
    `SELECT * FROM eventstore.events WHERE position > $1 AND type ^@ ANY($3::text[]) ORDER BY position LIMIT $2`,
    [0, 1000, ['hr.']],
  );
  return plans.join('\n\n');
}
