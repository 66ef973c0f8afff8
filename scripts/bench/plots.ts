/**
 * The plots of a run, written as SVG files from its results (the series it measured): the bench
 * writes them beside its results file, and `npm run bench:plots -- <results.json> docs/performance`
 * redraws the ones docs/performance.md shows from a chosen run (the lead's quiet-machine run).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lineChartSpec, rateSweepChart, renderSvg } from './charts.js';
import type { ResultsFile, SeriesRow } from './results.js';
import { scaleCharts } from './scale/series.js';
import type { SweepPoint } from './sweep.js';

const num = (row: SeriesRow, key: string): number | null => row[key] ?? null;

/** What the run says about itself, under each plot: when, which mode, on what. */
export function runNote(file: Pick<ResultsFile, 'startedAt' | 'mode' | 'machine'>): string {
  return `${file.mode} run ${file.startedAt.slice(0, 16)}Z, ${file.machine.cpus} CPUs, Node ${file.machine.node}`;
}

export async function writePlots(file: ResultsFile, dir: string): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  const sweep = file.series['commands_rate_sweep'];
  if (sweep && sweep.length > 0) {
    const points: SweepPoint[] = sweep.map((row) => ({
      rate: num(row, 'rate_per_s') ?? 0,
      achieved: num(row, 'achieved_per_s') ?? 0,
      p50: num(row, 'p50_ms'),
      p99: num(row, 'p99_ms'),
      errors: num(row, 'errors') ?? 0,
    }));
    const commands = file.results['commands'];
    const knee =
      commands && typeof commands === 'object' && typeof commands['sweep_knee_per_s'] === 'number'
        ? commands['sweep_knee_per_s']
        : null;
    const path = join(dir, 'commands-rate-sweep.svg');
    writeFileSync(path, await renderSvg(lineChartSpec(rateSweepChart(points, knee, runNote(file)))));
    written.push(path);
  }
  for (const { file: name, chart } of scaleCharts(file.series, runNote(file))) {
    const path = join(dir, name);
    writeFileSync(path, await renderSvg(lineChartSpec(chart)));
    written.push(path);
  }
  return written;
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const [results, dir] = process.argv.slice(2);
  if (!results || !dir) {
    process.stderr.write('usage: npm run bench:plots -- <results.json> <directory>\n');
    process.exit(2);
  }
  const file = JSON.parse(readFileSync(results, 'utf8')) as ResultsFile;
  for (const path of await writePlots({ ...file, series: file.series ?? {} }, dir)) process.stdout.write(`${path}\n`);
}
