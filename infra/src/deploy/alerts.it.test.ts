import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { moduleManifest } from '@chartline/events';
import { expect } from 'chai';
import { regions, withRegion } from './generated-files.js';
import { requireTool, run } from './tools.js';
import { moduleWorkloads } from './workloads.js';

const prometheusDir = fileURLToPath(new URL('../../deploy/prometheus/', import.meta.url));

/**
 * The metrics the processes export and the alerts read: a contract with the observability code.
 * A rule naming any other series would never fire, so the names are checked here.
 */
const exportedMetrics = [
  'chartline_consumer_lag',
  'chartline_dlq_messages_total',
  'chartline_relay_lag_positions',
  'chartline_relay_last_publish_timestamp_seconds',
  'http_requests_total',
  'chartline_ready',
  'chartline_command_refusals_total',
  // The read API (read-api/src/laboratory/metrics.ts): open critical lab results.
  'chartline_lab_oldest_open_critical_age_seconds',
  // The read API (read-api/src/hr/metrics.ts): shifts starting soon short of staff.
  'chartline_hr_understaffed_shift_starts_in_seconds',
  'up',
];

describe('Prometheus alert rules (promtool)', () => {
  let promtool: string;
  before(function () {
    promtool = requireTool(this, 'promtool', 'PROMTOOL', 'prometheus');
  });

  it('are valid rules', () => {
    expect(run(promtool, ['check', 'rules', 'alerts.yaml'], prometheusDir)).to.match(/SUCCESS: \d+ rules found/);
  });

  it('pass their unit tests (each alert fires when it should and not on its look-alike)', () => {
    expect(run(promtool, ['test', 'rules', 'alerts.test.yaml'], prometheusDir)).to.include('SUCCESS');
  });

  it('reports a failing unit test as a failure (the wrapper does not swallow promtool errors)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chartline-alerts-'));
    try {
      copyFileSync(`${prometheusDir}alerts.yaml`, join(dir, 'alerts.yaml'));
      const tests = readFileSync(`${prometheusDir}alerts.test.yaml`, 'utf8');
      // Expect the lag alert before its 10 minutes are up: promtool must say the test failed.
      const early = tests.replace('eval_time: 15m', 'eval_time: 5m');
      expect(early).to.not.equal(tests);
      writeFileSync(join(dir, 'alerts.test.yaml'), early);
      expect(() => run(promtool, ['test', 'rules', 'alerts.test.yaml'], dir)).to.throw(/FAILED/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('read only the metrics the processes export', () => {
    const rules = readFileSync(`${prometheusDir}alerts.yaml`, 'utf8');
    const exprs = [...rules.matchAll(/expr: \|?\n?([\s\S]*?)\n\s+(?:for|labels):/g)].map((m) => m[1] ?? '');
    const used = new Set(
      exprs.flatMap((e) => [...e.matchAll(/\b(chartline_[a-z_]+|http_[a-z_]+|up)\b/g)].map((m) => m[1])),
    );
    expect(used.size).to.be.greaterThan(5);
    for (const metric of used) expect(exportedMetrics, metric).to.include(metric);
  });

  it('has a valid Prometheus configuration that loads the rules', () => {
    expect(run(promtool, ['check', 'config', 'prometheus.yml'], prometheusDir)).to.include('SUCCESS');
  });

  it('keeps a valid configuration when the generator adds a module and a process manager to it', () => {
    const lab = { commands: true, projection: true, reads: true, processManagers: [], aggregates: ['lab'] };
    const grown = {
      ...moduleManifest,
      lab,
      billing: { ...lab, processManagers: [{ name: 'capture', consumes: ['admissions', 'lab'] }] },
    };
    const config = withRegion(
      readFileSync(`${prometheusDir}prometheus.yml`, 'utf8'),
      regions.prometheus,
      moduleWorkloads(grown),
    );
    expect(config).to.include('"process-manager-billing-capture:9466"').and.include('"projector-lab:9465"');
    const dir = mkdtempSync(join(tmpdir(), 'chartline-prometheus-'));
    try {
      copyFileSync(`${prometheusDir}alerts.yaml`, join(dir, 'alerts.yaml'));
      writeFileSync(join(dir, 'prometheus.yml'), config);
      expect(run(promtool, ['check', 'config', 'prometheus.yml'], dir)).to.include('SUCCESS');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
