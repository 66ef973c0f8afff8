/**
 * The bench's plots, drawn by Vega-Lite (compiled to Vega, rendered to SVG in Node without a
 * browser or canvas), from the figures of a run: never drawn by hand.
 */
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { SweepPoint } from './sweep.js';

/** Renders a Vega-Lite spec to an SVG document. */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

export interface Series {
  /** Legend label, e.g. "p99". */
  readonly name: string;
  readonly points: readonly { readonly x: number; readonly y: number | null }[];
}

export interface LineChart {
  readonly title: string;
  readonly subtitle?: string;
  readonly x: { readonly title: string; readonly log?: boolean };
  readonly y: { readonly title: string; readonly log?: boolean };
  readonly series: readonly Series[];
  /** Vertical marks, e.g. the knee. */
  readonly rules?: readonly { readonly x: number; readonly label: string }[];
}

/** A line per series, a point per measurement (null values left out), on a white ground. */
export function lineChartSpec(chart: LineChart): TopLevelSpec {
  const values = chart.series.flatMap((s) =>
    s.points.filter((p) => p.y !== null).map((p) => ({ series: s.name, x: p.x, y: p.y })),
  );
  const scale = (log?: boolean) => (log ? { type: 'log' as const } : { zero: true });
  const lines = {
    data: { values },
    mark: { type: 'line' as const, point: true },
    encoding: {
      x: { field: 'x', type: 'quantitative' as const, title: chart.x.title, scale: scale(chart.x.log) },
      y: { field: 'y', type: 'quantitative' as const, title: chart.y.title, scale: scale(chart.y.log) },
      color: { field: 'series', type: 'nominal' as const, title: null },
    },
  };
  const rules = (chart.rules ?? []).map((rule) => ({
    data: { values: [rule] },
    layer: [
      {
        mark: { type: 'rule' as const, strokeDash: [4, 4], color: '#666' },
        encoding: { x: { field: 'x', type: 'quantitative' as const } },
      },
      {
        mark: { type: 'text' as const, align: 'left' as const, dx: 4, dy: -4, color: '#444' },
        encoding: { x: { field: 'x', type: 'quantitative' as const }, y: { value: 8 }, text: { field: 'label' } },
      },
    ],
  }));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: chart.title, ...(chart.subtitle ? { subtitle: chart.subtitle } : {}) },
    width: 520,
    height: 280,
    background: 'white',
    layer: [lines, ...rules],
  } as TopLevelSpec;
}

/** Command latency (p50, p99) against the scheduled rate, with the knee marked. */
export function rateSweepChart(points: readonly SweepPoint[], knee: number | null, note: string): LineChart {
  return {
    title: 'Command latency against rate (open loop, from scheduled send)',
    subtitle: note,
    x: { title: 'commands per second scheduled' },
    y: { title: 'latency, ms (log)', log: true },
    series: [
      { name: 'p50', points: points.map((p) => ({ x: p.rate, y: p.p50 })) },
      { name: 'p99', points: points.map((p) => ({ x: p.rate, y: p.p99 })) },
    ],
    ...(knee === null ? {} : { rules: [{ x: knee, label: `knee ${knee}/s` }] }),
  };
}
