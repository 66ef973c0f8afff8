import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';

const run = promisify(execFile);
const script = new URL('./node24.sh', import.meta.url).pathname;

/**
 * When the npm registry cannot supply Node 24, the CI step says why and reports SKIPPED instead of
 * passing silently or failing CI; `prepare` alone exits 3 ("unavailable", not a test failure).
 * (The path where Node 24 is fetched and the tests run is CI's own step, `scripts/node24.sh ci`.)
 */
describe('scripts/node24.sh without a registry', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chartline-node24-'));
  const bin = join(dir, 'bin');
  const env = {
    ...process.env,
    PATH: `${bin}:${process.env.PATH}`,
    CHARTLINE_NODE24_CACHE: join(dir, 'cache'),
    NODE24_VERSION: '',
  };

  before(() => {
    // An npm whose registry does not answer, as on a machine cut off from it.
    mkdirSync(bin);
    writeFileSync(join(bin, 'npm'), '#!/bin/sh\necho "npm error code ENOTFOUND registry.npmjs.org" >&2\nexit 1\n');
    chmodSync(join(bin, 'npm'), 0o755);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prepare exits 3 and names the reason', async () => {
    const error = await run('bash', [script, 'prepare'], { env }).then(
      () => undefined,
      (e: { code: number; stderr: string }) => e,
    );
    expect(error?.code).to.equal(3);
    expect(error?.stderr).to.match(/UNAVAILABLE: the npm registry did not answer for node-linux-\w+@24/);
  });

  it('ci reports SKIPPED with the reason and does not fail CI', async () => {
    const { stderr } = await run('bash', [script, 'ci'], { env });
    expect(stderr).to.contain('UNAVAILABLE: the npm registry did not answer');
    expect(stderr).to.contain('SKIPPED: the Node 24 tests did not run');
  });

  it('a pinned version that cannot be fetched is also a SKIPPED, with npm’s error', async () => {
    const { stderr } = await run('bash', [script, 'ci'], { env: { ...env, NODE24_VERSION: '24.0.0' } });
    expect(stderr).to.match(/UNAVAILABLE: npm pack node-linux-\w+@24\.0\.0 failed: .*ENOTFOUND/);
    expect(stderr).to.contain('SKIPPED');
  });
});
