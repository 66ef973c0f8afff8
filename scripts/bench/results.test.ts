import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { Figures, formatFigures, nest, REQUIRED_KEYS, resultsFile, writeResults } from './results.js';

const run = {
  startedAt: '2026-01-02T03:04:05.678Z',
  finishedAt: '2026-01-02T03:05:00.000Z',
  mode: 'quick' as const,
  machine: { cpus: 2, node: 'v20', platform: 'linux' },
  workload: { seed: 'bench', hospitals: 8 },
};

describe('bench results file', () => {
  it('nests dotted keys: append.postgres.single_c1 is results.append.postgres.single_c1', () => {
    const nested = nest(
      new Map([
        ['append.postgres.single_c1', 120],
        ['append.sqlite.single_c1', 9000],
        ['commands.per_s', null],
      ]),
    );
    expect(nested).to.deep.equal({
      append: { postgres: { single_c1: 120 }, sqlite: { single_c1: 9000 } },
      commands: { per_s: null },
    });
  });

  it('refuses a key that would nest under a figure', () => {
    expect(() =>
      nest(
        new Map([
          ['read.cached_rps', 1],
          ['read.cached_rps.p99', 2],
        ]),
      ),
    ).to.throw(/already a figure/);
  });

  it('always holds every required key; an unmeasured one is null with a reason', () => {
    const figures = new Figures();
    figures.set('commands.per_s', 141);
    figures.set('read.cached_rps', null, 'read API not started');
    const file = resultsFile(figures, run);
    const lookup = (key: string) =>
      key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], file.results);
    for (const key of REQUIRED_KEYS) expect(lookup(key), key).to.not.equal(undefined);
    expect(lookup('commands.per_s')).to.equal(141);
    expect(file.nullReasons['read.cached_rps']).to.equal('read API not started');
    expect(file.nullReasons['rebuild.events_per_s']).to.equal('not measured in this run');
    expect(file.nullReasons).to.not.have.property('commands.per_s');
  });

  it('never records a made-up number: NaN and Infinity are refused', () => {
    const figures = new Figures();
    expect(() => figures.set('commands.per_s', Number.NaN)).to.throw(RangeError);
    expect(() => figures.set('commands.per_s', Number.POSITIVE_INFINITY)).to.throw(RangeError);
  });

  it('keeps curves beside the figures, and refuses a made-up number in them too', () => {
    const figures = new Figures();
    figures.setSeries('commands_rate_sweep', [{ rate_per_s: 30, p99_ms: 12.5, errors: 0 }]);
    expect(resultsFile(figures, run).series).to.deep.equal({
      commands_rate_sweep: [{ rate_per_s: 30, p99_ms: 12.5, errors: 0 }],
    });
    expect(() => figures.setSeries('x', [{ p99_ms: Number.NaN }])).to.throw(/x\.p99_ms/);
  });

  it('forgets the reason once a figure is measured after all', () => {
    const figures = new Figures();
    figures.set('peer.append_ratio', null, 'a side measured nothing');
    figures.set('peer.append_ratio', 0.2);
    expect(figures.reasons.has('peer.append_ratio')).to.equal(false);
  });

  it('writes latest.json and a dated copy with the same content, and prints nulls with their reason', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-results-'));
    try {
      const figures = new Figures();
      figures.set('commands.per_s', 141);
      const { latest, dated } = writeResults(dir, resultsFile(figures, run));
      expect(dated).to.equal(join(dir, '2026-01-02T03-04-05.678Z.json'));
      expect(readFileSync(latest, 'utf8')).to.equal(readFileSync(dated, 'utf8'));
      const parsed = JSON.parse(readFileSync(latest, 'utf8'));
      expect(parsed.mode).to.equal('quick');
      expect(parsed.results.commands.per_s).to.equal(141);
      expect(formatFigures(figures)).to.match(/rebuild\.events_per_s\s+null {2}\(not measured in this run\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
