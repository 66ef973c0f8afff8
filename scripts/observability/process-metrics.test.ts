import { expect } from 'chai';
import { alertMetricNames, metricNames, REQUIRED_METRICS, sampleValue } from './process-metrics.js';

describe('process metric expectations', () => {
  it('every metric an alert reads is required of some process', () => {
    const required = new Set(Object.values(REQUIRED_METRICS).flat());
    const read = alertMetricNames();
    expect(read).to.include.members(['chartline_consumer_lag', 'chartline_ready', 'http_requests_total']);
    for (const name of read) expect(required.has(name), name).to.equal(true);
  });

  it('reads names and samples from Prometheus text', () => {
    const text = [
      '# HELP chartline_ready Whether a dependency answered',
      '# TYPE chartline_ready gauge',
      'chartline_ready{service="relay",dependency="kafka"} 1',
      'chartline_ready{service="relay",dependency="event-store"} 0',
      '# TYPE chartline_relay_lag_positions gauge',
      'chartline_relay_lag_positions 3',
    ].join('\n');
    expect([...metricNames(text)]).to.deep.equal(['chartline_ready', 'chartline_relay_lag_positions']);
    expect(sampleValue(text, 'chartline_ready', { dependency: 'event-store' })).to.equal(0);
    expect(sampleValue(text, 'chartline_ready', { dependency: 'kafka' })).to.equal(1);
    expect(sampleValue(text, 'chartline_relay_lag_positions')).to.equal(3);
    expect(sampleValue(text, 'chartline_ready', { dependency: 'cache' })).to.equal(undefined);
  });
});
