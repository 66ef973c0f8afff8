import { createMetricsRegistry } from '@chartline/infra/telemetry';
import { expect } from 'chai';
import { hospitalGauges } from './hospital-gauges.js';

describe('gauges per hospital, read at each scrape', () => {
  const gauges = [
    { name: 'test_open', help: 'open', value: (m: { open: number }) => m.open },
    { name: 'test_double', help: 'double', value: (m: { open: number }) => m.open * 2 },
  ];

  it('serves every gauge of a scrape from one measurement, one series per hospital measured', async () => {
    const registry = createMetricsRegistry({ defaultMetrics: false });
    let measured = 0;
    hospitalGauges(
      registry,
      async () => {
        measured++;
        return new Map([
          ['h1', { open: 3 }],
          ['h2', { open: 0 }],
        ]);
      },
      gauges,
    );
    const text = await registry.metrics();
    expect(text).to.include('test_open{hospital="h1"} 3').and.include('test_open{hospital="h2"} 0');
    expect(text).to.include('test_double{hospital="h1"} 6');
    expect(measured, 'one measurement for both gauges').to.equal(1);
  });

  it('drops a hospital the next measurement leaves out, and keeps the last values while the store is away', async () => {
    const registry = createMetricsRegistry({ defaultMetrics: false });
    const answers: (() => Map<string, { open: number }>)[] = [
      () =>
        new Map([
          ['h1', { open: 1 }],
          ['h2', { open: 2 }],
        ]),
      () => new Map([['h2', { open: 5 }]]),
      () => {
        throw new Error('read store away');
      },
    ];
    let round = 0;
    hospitalGauges(registry, async () => answers[round]!(), gauges, 10);
    const scrape = async () => {
      const text = await registry.metrics();
      // The measurement is kept 10 ms here; each round is a new scrape after that.
      await new Promise((resolve) => setTimeout(resolve, 30));
      round++;
      return text;
    };
    expect(await scrape()).to.include('test_open{hospital="h1"} 1');
    const second = await scrape();
    expect(second).to.include('test_open{hospital="h2"} 5').and.not.include('hospital="h1"');
    expect(await scrape(), 'the last values, the store being away').to.include('test_open{hospital="h2"} 5');
  });
});
