import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { processEnvs } from '@chartline/infra';
import { expect } from 'chai';
import { envRows, envTable } from './env-table.js';

// Cells compared without their padding, so an aligned table (as a markdown formatter writes it) passes too.
const cells = (markdown: string) => markdown.replace(/ *\| */g, '|').replace(/-{3,}/g, '---');
const readme = cells(readFileSync(new URL('../../README.md', import.meta.url), 'utf8'));

describe('README', () => {
  it('holds the environment table generated from the process schemas', () => {
    expect(envRows().length).to.be.greaterThan(10);
    const hint = 'run `npx tsx scripts/docs/env-table.ts` and paste its table into the README';
    expect(readme, hint).to.contain(cells(envTable()));
  });

  it('gives the quick start as two commands: one runs Chartline, one runs the tests', () => {
    expect(readme).to.contain('npm install && npm start');
    expect(readme).to.match(/```sh\nnpm test\n```/);
  });

  it('names every CHARTLINE_* setting scripts/services.sh reads', () => {
    const script = readFileSync(new URL('../services.sh', import.meta.url), 'utf8');
    const settings = new Set([...script.matchAll(/\$\{(CHARTLINE_[A-Z_]+):-/g)].map((m) => m[1]!));
    expect(settings.size).to.be.greaterThan(4);
    for (const name of settings) expect(readme, name).to.contain(`\`${name}\``);
  });
});

describe('scripts/services.sh env', () => {
  it('exports every server URL a production process reads, so its processes run against the servers', () => {
    const out = execFileSync('bash', [new URL('../services.sh', import.meta.url).pathname, 'env'], {
      encoding: 'utf8',
    });
    const exported = new Set([...out.matchAll(/^export ([A-Z_]+)=/gm)].map((m) => m[1]!));
    // Optional servers (the anchor store, read only when configured with its public key) are left out.
    const urls = Object.values(processEnvs)
      .flatMap((schema) => Object.entries(schema.shape))
      .filter(
        ([name, field]) => name.endsWith('_URL') && !name.startsWith('JWT_') && !field.safeParse(undefined).success,
      )
      .map(([name]) => name);
    expect(urls).to.include.members(['EVENT_STORE_URL', 'KEY_STORE_URL', 'MONGODB_URL', 'REDIS_URL']);
    for (const name of [...urls, 'KAFKA_BROKERS']) expect(exported, name).to.include(name);
  });
});
