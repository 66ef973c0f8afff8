import { readFileSync } from 'node:fs';
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
});
