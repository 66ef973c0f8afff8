/**
 * The scale section's curves as charts (pure: rows of the results file in, chart descriptions out;
 * plots.ts renders them). Every chart says the load average its points were taken at, since the
 * machine is shared.
 */
import type { LineChart, Series } from '../charts.js';
import type { SeriesRow } from '../results.js';

/** Series names in the results file. */
export const SCALE_SERIES = {
  store: 'scale_store_size',
  reads: 'scale_patient_reads',
  soak: 'scale_soak_memory',
} as const;

export interface NamedChart {
  /** File name of its SVG. */
  readonly file: string;
  readonly chart: LineChart;
}

const value = (row: SeriesRow, key: string): number | null => {
  const v = row[key];
  return typeof v === 'number' ? v : null;
};

/** One line of `y` against `x` over the rows (rows without an x are left out). */
export function line(rows: readonly SeriesRow[], name: string, x: string, y: string): Series {
  return {
    name,
    points: rows.flatMap((row) => {
      const at = value(row, x);
      return at === null ? [] : [{ x: at, y: value(row, y) }];
    }),
  };
}

/** "load 1.9–4.2" over the given keys of every row (the 1-minute load average when each was taken). */
export function loadRange(rows: readonly SeriesRow[], keys: readonly string[]): string {
  const loads = rows.flatMap((row) => keys.map((k) => value(row, k))).filter((v): v is number => v !== null);
  if (loads.length === 0) return 'load not recorded';
  const low = Math.min(...loads);
  const high = Math.max(...loads);
  return low === high ? `load ${low}` : `load ${low}–${high}`;
}

/** The last point over the first (e.g. p99 at 1M events over p99 at 10k); null if either is missing or zero. */
export function growth(rows: readonly SeriesRow[], key: string): number | null {
  const values = rows.map((row) => value(row, key)).filter((v): v is number => v !== null);
  if (values.length < 2 || values[0] === 0) return null;
  return Math.round((values[values.length - 1]! / values[0]!) * 100) / 100;
}

export function storeSizeCharts(rows: readonly SeriesRow[], note: string): NamedChart[] {
  return [
    {
      file: 'scale-commands-vs-events.svg',
      chart: {
        title: 'Command latency against events in the store (open loop over HTTP)',
        subtitle: `${note}; ${loadRange(rows, ['command_load_1m'])}`,
        x: { title: 'events in the PostgreSQL store (log)', log: true },
        y: { title: 'latency from scheduled send, ms' },
        series: [line(rows, 'p50', 'events', 'command_p50_ms'), line(rows, 'p99', 'events', 'command_p99_ms')],
      },
    },
    {
      file: 'scale-appends-vs-events.svg',
      chart: {
        title: 'Append rate against events in the store (16 writers)',
        subtitle: `${note}; ${loadRange(rows, ['append_load_1m'])}`,
        x: { title: 'events in the PostgreSQL store (log)', log: true },
        y: { title: 'events appended per second (log)', log: true },
        series: [
          line(rows, 'single events', 'events', 'append_single_c16_per_s'),
          line(rows, 'batches of 100', 'events', 'append_batch100_c16_per_s'),
        ],
      },
    },
    {
      file: 'scale-rebuild-vs-events.svg',
      chart: {
        title: 'Rebuild of every module (in memory) against events in the store',
        subtitle: `${note}; ${loadRange(rows, ['rebuild_load_1m'])}`,
        x: { title: 'events in the PostgreSQL store (log)', log: true },
        y: { title: 'seconds (log)', log: true },
        series: [line(rows, 'rebuild time', 'events', 'rebuild_s')],
      },
    },
  ];
}

export function patientReadCharts(rows: readonly SeriesRow[], note: string): NamedChart[] {
  const kinds = [
    ['summary', 'summary'],
    ['name_search', 'name search'],
    ['list_page', 'list page'],
  ] as const;
  const chart = (percentile: 'p50' | 'p99'): NamedChart => ({
    file: `scale-reads-vs-patients-${percentile}.svg`,
    chart: {
      title: `Read latency (${percentile}) against patients in the hospital`,
      subtitle: `${note}; ${loadRange(rows, ['load_1m'])}`,
      x: { title: 'patients in the hospital (log)', log: true },
      y: { title: `${percentile} latency, ms (log)`, log: true },
      series: kinds.flatMap(([kind, label]) => [
        line(rows, `${label}, cached`, 'patients', `${kind}_cached_${percentile}_ms`),
        line(rows, `${label}, uncached`, 'patients', `${kind}_uncached_${percentile}_ms`),
      ]),
    },
  });
  return [chart('p50'), chart('p99')];
}

/** Process names sampled in a soak, from its `<process>_rss_mb` keys, in first-seen order. */
export function soakProcesses(rows: readonly SeriesRow[]): string[] {
  const names = new Set<string>();
  for (const row of rows)
    for (const key of Object.keys(row)) if (key.endsWith('_rss_mb')) names.add(key.slice(0, -'_rss_mb'.length));
  return [...names];
}

export function soakCharts(rows: readonly SeriesRow[], note: string): NamedChart[] {
  const processes = soakProcesses(rows).filter((p) => p === 'relay' || p.startsWith('projector_'));
  const chart = (what: 'rss' | 'heap', title: string): NamedChart => ({
    file: `scale-soak-${what}.svg`,
    chart: {
      title: `${title} of the relay and the projectors over the soak`,
      subtitle: `${note}; ${loadRange(rows, ['load_1m'])}`,
      x: { title: 'seconds into the soak' },
      y: { title: `${title}, MB` },
      series: processes.map((p) => line(rows, p, 't_s', `${p}_${what}_mb`)),
    },
  });
  return [chart('rss', 'Resident memory'), chart('heap', 'V8 heap used')];
}

/** Every scale chart a results file's series can draw (none for a series the run did not measure). */
export function scaleCharts(series: Readonly<Record<string, readonly SeriesRow[]>>, note: string): NamedChart[] {
  const store = series[SCALE_SERIES.store] ?? [];
  const reads = series[SCALE_SERIES.reads] ?? [];
  const soak = series[SCALE_SERIES.soak] ?? [];
  return [
    ...(store.length > 0 ? storeSizeCharts(store, note) : []),
    ...(reads.length > 0 ? patientReadCharts(reads, note) : []),
    ...(soak.length > 0 ? soakCharts(soak, note) : []),
  ];
}
