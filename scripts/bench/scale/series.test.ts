import { expect } from 'chai';
import { lineChartSpec, renderSvg } from '../charts.js';
import { growth, line, loadRange, SCALE_SERIES, scaleCharts, soakProcesses, storeSizeCharts } from './series.js';

const storeRows = [
  {
    events: 10_000,
    command_p50_ms: 8,
    command_p99_ms: 40,
    command_load_1m: 2.5,
    append_single_c16_per_s: 900,
    append_batch100_c16_per_s: 20_000,
    append_load_1m: 3,
    rebuild_s: 1.2,
    rebuild_load_1m: 2,
  },
  {
    events: 1_000_000,
    command_p50_ms: 9,
    command_p99_ms: 60,
    command_load_1m: 4.25,
    append_single_c16_per_s: 800,
    append_batch100_c16_per_s: 15_000,
    append_load_1m: 3,
    rebuild_s: null,
    rebuild_load_1m: 5,
  },
];

describe('bench: the scale section’s series and charts', () => {
  it('draws command latency against store size as an SVG: both percentiles, log axis, the load beside it', async () => {
    const [commands] = storeSizeCharts(storeRows, 'full run, test data');
    expect(commands!.file).to.equal('scale-commands-vs-events.svg');
    expect(commands!.chart.subtitle).to.equal('full run, test data; load 2.5–4.25');
    const svg = await renderSvg(lineChartSpec(commands!.chart));
    expect(svg).to.match(/^<svg /);
    expect(svg).to.contain('events in the PostgreSQL store (log)');
    expect(svg.match(/aria-roledescription="point"/g)?.length).to.equal(4);
    expect(svg).to.contain('latency from scheduled send, ms: 60; series: p99');
  });

  it('leaves a point out when its figure is missing (a rebuild stopped by its time box has no total time)', () => {
    const rebuild = storeSizeCharts(storeRows, 'n').find((c) => c.file === 'scale-rebuild-vs-events.svg')!;
    expect(rebuild.chart.series[0]!.points).to.deep.equal([
      { x: 10_000, y: 1.2 },
      { x: 1_000_000, y: null },
    ]);
    const spec = lineChartSpec(rebuild.chart) as unknown as { layer: { data: { values: unknown[] } }[] };
    expect(spec.layer[0]!.data.values).to.have.length(1);
  });

  it('takes a line only from rows that have its x', () => {
    expect(line([{ a: 1, b: 2 }, { b: 3 }, { a: 2, b: null }], 's', 'a', 'b').points).to.deep.equal([
      { x: 1, y: 2 },
      { x: 2, y: null },
    ]);
  });

  it('growth is the last value over the first, null with fewer than two or a zero start', () => {
    expect(growth(storeRows, 'command_p99_ms')).to.equal(1.5);
    expect(growth(storeRows, 'rebuild_s')).to.equal(null);
    expect(growth([{ x: 0 }, { x: 5 }], 'x')).to.equal(null);
  });

  it('states the load range, or that none was recorded', () => {
    expect(loadRange(storeRows, ['append_load_1m'])).to.equal('load 3');
    expect(loadRange(storeRows, ['nothing'])).to.equal('load not recorded');
  });

  it('finds the soak’s processes from its keys and draws only the relay and the projectors', () => {
    const rows = [
      {
        t_s: 0,
        relay_rss_mb: 150,
        relay_heap_mb: 40,
        projector_patients_rss_mb: 160,
        read_api_rss_mb: 200,
        load_1m: 3,
      },
      {
        t_s: 10,
        relay_rss_mb: 151,
        relay_heap_mb: 41,
        projector_patients_rss_mb: 161,
        read_api_rss_mb: 201,
        load_1m: 4,
      },
    ];
    expect(soakProcesses(rows)).to.deep.equal(['relay', 'projector_patients', 'read_api']);
    const charts = scaleCharts({ [SCALE_SERIES.soak]: rows }, 'n');
    expect(charts.map((c) => c.file)).to.deep.equal(['scale-soak-rss.svg', 'scale-soak-heap.svg']);
    expect(charts[0]!.chart.series.map((s) => s.name)).to.deep.equal(['relay', 'projector_patients']);
  });

  it('draws nothing for a series the run did not measure', () => {
    expect(scaleCharts({}, 'n')).to.deep.equal([]);
    expect(scaleCharts({ [SCALE_SERIES.reads]: [{ patients: 1000, summary_cached_p50_ms: 3 }] }, 'n')).to.have.length(
      2,
    );
  });
});
