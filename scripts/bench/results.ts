import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The figures of one run. Every key the issue names is always present: a figure whose piece could
 * not be measured is null and its reason is recorded (and printed) — a figure is never made up.
 */
export const REQUIRED_KEYS = [
  'append.postgres.single_c1',
  'append.postgres.single_c16',
  'append.postgres.batch100_c16',
  'append.sqlite.single_c1',
  'append.sqlite.single_c16',
  'append.sqlite.batch100_c16',
  'commands.per_s',
  'commands.p50_ms',
  'commands.p99_ms',
  'relay.events_per_s',
  'projection.events_per_s',
  'freshness.rate_per_s',
  'freshness.p50_ms',
  'freshness.p99_ms',
  'read.cached_rps',
  'read.uncached_rps',
  'read.cached_p99_ms',
  'rebuild.events_per_s',
  'peer.emmett_commands_per_s',
  'peer.ours_commands_per_s',
  'peer.commands_ratio',
  'peer.emmett_append_per_s',
  'peer.ours_append_per_s',
  'peer.append_ratio',
] as const;

export type Figure = number | null;

/** One row of a series (a point of a curve: a rate and its percentiles, a size and its cost). */
export type SeriesRow = Readonly<Record<string, Figure>>;

/** Collects figures by dotted key while the sections run. */
export class Figures {
  readonly values = new Map<string, Figure>();
  readonly reasons = new Map<string, string>();
  /** Curves measured in the run (the rate sweep, the scale curves), by name: what the plots draw. */
  readonly series = new Map<string, readonly SeriesRow[]>();

  set(key: string, value: Figure, reason?: string): void {
    if (value !== null && !Number.isFinite(value)) throw new RangeError(`${key}: ${value} is not a figure`);
    this.values.set(key, value);
    if (value === null) this.reasons.set(key, reason ?? 'not measured');
    else this.reasons.delete(key);
  }

  setSeries(name: string, rows: readonly SeriesRow[]): void {
    for (const row of rows)
      for (const [key, value] of Object.entries(row))
        if (value !== null && !Number.isFinite(value)) throw new RangeError(`${name}.${key}: ${value} is not a figure`);
    this.series.set(name, rows);
  }

  /** Marks every given key null with one reason (a section that could not run at all). */
  unavailable(keys: readonly string[], reason: string): void {
    for (const key of keys) this.set(key, null, reason);
  }

  /** Required keys nobody set: null, "not measured in this run". */
  complete(): void {
    for (const key of REQUIRED_KEYS) if (!this.values.has(key)) this.set(key, null, 'not measured in this run');
  }
}

export interface ResultsFile {
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly mode: 'quick' | 'full';
  readonly machine: { readonly cpus: number; readonly node: string; readonly platform: string };
  /** The workload's shape: hospitals, days, seed, concurrency… */
  readonly workload: Readonly<Record<string, number | string>>;
  /** Nested by the dotted keys: `append.postgres.single_c1` is results.append.postgres.single_c1. */
  readonly results: NestedFigures;
  /** Dotted key → why that figure is null. */
  readonly nullReasons: Readonly<Record<string, string>>;
  /** Curves by name (`commands_rate_sweep`: rate, achieved, p50_ms, p99_ms, errors per rate). */
  readonly series: Readonly<Record<string, readonly SeriesRow[]>>;
}

export interface NestedFigures {
  readonly [key: string]: Figure | NestedFigures;
}

export function nest(values: ReadonlyMap<string, Figure>): NestedFigures {
  const root: Record<string, Figure | NestedFigures> = {};
  for (const [key, value] of [...values].sort(([a], [b]) => a.localeCompare(b))) {
    const parts = key.split('.');
    let node: Record<string, Figure | NestedFigures> = root;
    for (const part of parts.slice(0, -1)) {
      const next = node[part];
      if (next !== undefined && (next === null || typeof next === 'number')) {
        throw new Error(`${key}: ${part} is already a figure`);
      }
      node[part] ??= {};
      node = node[part] as Record<string, Figure | NestedFigures>;
    }
    node[parts[parts.length - 1]!] = value;
  }
  return root;
}

export function resultsFile(
  figures: Figures,
  run: Omit<ResultsFile, 'results' | 'nullReasons' | 'finishedAt' | 'series'> & { finishedAt?: string },
): ResultsFile {
  figures.complete();
  return {
    ...run,
    finishedAt: run.finishedAt ?? new Date().toISOString(),
    results: nest(figures.values),
    nullReasons: Object.fromEntries([...figures.reasons].sort(([a], [b]) => a.localeCompare(b))),
    series: Object.fromEntries([...figures.series].sort(([a], [b]) => a.localeCompare(b))),
  };
}

/** Writes latest.json and a dated copy (colons replaced so the name is valid everywhere). */
export function writeResults(dir: string, file: ResultsFile): { latest: string; dated: string } {
  mkdirSync(dir, { recursive: true });
  const text = `${JSON.stringify(file, null, 2)}\n`;
  const latest = join(dir, 'latest.json');
  const dated = join(dir, `${file.startedAt.replaceAll(':', '-')}.json`);
  writeFileSync(latest, text);
  writeFileSync(dated, text);
  return { latest, dated };
}

/** The figures as a two-column table, nulls with their reason. */
export function formatFigures(figures: Figures): string {
  const rows = [...figures.values].sort(([a], [b]) => a.localeCompare(b));
  const width = Math.max(...rows.map(([key]) => key.length), 6);
  return rows
    .map(([key, value]) => {
      const shown =
        value === null ? `null  (${figures.reasons.get(key) ?? 'not measured'})` : value.toLocaleString('en-US');
      return `${key.padEnd(width)}  ${shown}`;
    })
    .join('\n');
}
