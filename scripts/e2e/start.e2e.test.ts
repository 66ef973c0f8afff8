import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { cleanEnv, type Spawned, spawnTs } from './spawned.js';

const run = promisify(execFile);

/** `npm start` as a newcomer meets it: up in under 30 s, printed curl lines work as printed, a restart keeps everything. */
describe('npm start (embedded, one process)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'chartline-start-'));
  let chartline: Spawned | undefined;
  const start = () =>
    spawnTs('scripts/start.ts', ['--data-dir', dataDir, '--command-port', '0', '--read-port', '0'], cleanEnv());

  after(async () => {
    await chartline?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const curlLines = (output: string) =>
    output
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line.startsWith('curl '));

  const runCurl = async (line: string) => {
    // As a user would paste it: through a shell, the line exactly as printed.
    const { stdout } = await run('bash', ['-c', `${line} -o /dev/null -w '%{http_code}'`]);
    return Number(stdout.trim());
  };

  it('seeds the demo hospitals on the first run and is ready in under 30 s', async function () {
    this.timeout(60_000);
    const t0 = Date.now();
    chartline = start();
    await chartline.waitFor(/Ready in/, 30_000);
    expect(Date.now() - t0).to.be.below(30_000);
    const out = chartline.output();
    expect(out).to.match(/seeding the demo hospitals riverside and hillcrest/);
    expect(out).to.match(/seeded: \d+ commands/);
    expect(out).to.match(/command API {2}http:\/\/127\.0\.0\.1:\d+/);
    for (const role of ['front_desk', 'nurse', 'physician', 'auditor', 'admin']) {
      expect(out).to.match(new RegExp(`\\n {2}${role} +eyJ`));
    }
  });

  it('prints three curl examples that answer 2xx exactly as printed', async () => {
    const lines = curlLines(chartline!.output());
    expect(lines).to.have.length(3);
    for (const line of lines) expect(await runCurl(line), line.slice(0, 120)).to.be.within(200, 299);
  });

  it('the audit example reports a verified chain', async () => {
    const audit = curlLines(chartline!.output()).find((l) => l.includes('/verification'))!;
    const { stdout } = await run('bash', ['-c', audit]);
    expect(JSON.parse(stdout)).to.include({ ok: true });
  });

  it('stops on SIGTERM with exit 0', async () => {
    const exit = await chartline!.stop();
    expect(exit).to.deep.equal({ code: 0, signal: null });
    expect(chartline!.output()).to.match(/chartline: stopped/);
  });

  it('keeps every event across a restart, rebuilds the views with progress, and the examples still work', async function () {
    this.timeout(60_000);
    chartline = start();
    await chartline.waitFor(/Ready in/, 30_000);
    const out = chartline.output();
    expect(out).not.to.match(/seeding/);
    const kept = Number(/kept (\d+) events/.exec(out)?.[1]);
    expect(kept).to.be.greaterThan(80);
    expect(out).to.match(/admissions views rebuilt from \d+ events/);
    expect(out).to.match(/patients views rebuilt from \d+ events/);
    for (const line of curlLines(out)) expect(await runCurl(line), line.slice(0, 120)).to.be.within(200, 299);
  });
});
