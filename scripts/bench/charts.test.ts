import { expect } from 'chai';
import { lineChartSpec, rateSweepChart, renderSvg } from './charts.js';

describe('bench: charts rendered by Vega-Lite', () => {
  it('draws the rate sweep as an SVG with both percentiles, its axes and the knee', async () => {
    const points = [
      { rate: 30, achieved: 30, p50: 8, p99: 20, errors: 0 },
      { rate: 60, achieved: 60, p50: 9, p99: 25, errors: 0 },
      { rate: 120, achieved: 100, p50: 300, p99: 900, errors: 0 },
    ];
    const svg = await renderSvg(lineChartSpec(rateSweepChart(points, 60, 'quick run, test data')));
    expect(svg).to.match(/^<svg /);
    expect(svg).to.contain('commands per second scheduled');
    expect(svg).to.contain('latency, ms (log)');
    expect(svg).to.contain('knee 60/s');
    expect(svg).to.contain('p99');
    // One point per measurement of each series (3 rates × 2 percentiles), labelled with its values.
    expect(svg.match(/aria-roledescription="point"/g)?.length).to.equal(6);
    expect(svg).to.contain('commands per second scheduled: 120; latency, ms (log): 900; series: p99');
  });

  it('leaves a missing figure out rather than plotting it as zero', () => {
    const spec = lineChartSpec({
      title: 't',
      x: { title: 'x' },
      y: { title: 'y' },
      series: [
        {
          name: 's',
          points: [
            { x: 1, y: 2 },
            { x: 2, y: null },
          ],
        },
      ],
    }) as unknown as { layer: { data: { values: unknown[] } }[] };
    expect(spec.layer[0]!.data.values).to.deep.equal([{ series: 's', x: 1, y: 2 }]);
  });
});
