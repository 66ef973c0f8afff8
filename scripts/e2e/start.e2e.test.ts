import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { cleanEnv, type Spawned, spawnTs } from './spawned.js';

const run = promisify(execFile);

/**
 * `npm start` as a newcomer meets it: it comes up, printed curl lines work as printed, a restart
 * keeps everything. How fast it comes up is a figure (printed here, measured by the bench on a
 * quiet machine), not a timed assertion: a loaded CI machine took 22–37 s for what a quiet one
 * does in about 15. The bound below only says "not hung".
 */
const NOT_HUNG_MS = 120_000;
describe('npm start (embedded, one process)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'chartline-start-'));
  let chartline: Spawned | undefined;
  const start = () =>
    spawnTs(
      'scripts/start.ts',
      ['--data-dir', dataDir, '--command-port', '0', '--read-port', '0', '--console-port', '0'],
      cleanEnv(),
    );

  after(async () => {
    await chartline?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** A flow block as printed: the lines after its heading, up to the blank line that ends it. */
  const flowLines = (output: string, heading = 'The front desk’s main flow') => {
    const lines = output.split('\n');
    const first = lines.findIndex((l) => l.startsWith(heading));
    const block = lines.slice(first + 3);
    return block
      .slice(
        0,
        block.findIndex((l) => l.trim() === ''),
      )
      .map((l) => l.trim());
  };

  /** As a user would paste it: the whole block into one bash, exactly as printed; each answer on its own line. */
  const runFlow = async (output: string, heading?: string) => {
    const script = flowLines(output, heading)
      .map((line) => (line.startsWith('curl ') ? `${line} -w '\nHTTP %{http_code}\n'` : line))
      .join('\n');
    const { stdout } = await run('bash', ['-euo', 'pipefail', '-c', script], { maxBuffer: 10_000_000 });
    return stdout;
  };

  it('seeds the demo hospitals on the first run and says when it is ready', async function () {
    this.timeout(NOT_HUNG_MS + 30_000);
    const t0 = Date.now();
    chartline = start();
    await chartline.waitFor(/Ready in/, NOT_HUNG_MS);
    console.log(`      (first start ready in ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    const out = chartline.output();
    expect(out).to.match(/seeding the demo hospitals riverside and hillcrest/);
    expect(out).to.match(/seeded: \d+ commands/);
    expect(out).to.match(/command API {2}http:\/\/127\.0\.0\.1:\d+/);
    for (const role of ['front_desk', 'nurse', 'physician', 'auditor', 'admin']) {
      expect(out).to.match(new RegExp(`\\n {2}${role} +eyJ`));
    }
  });

  it('prints both OpenAPI URLs, where logs go, and a ready time from the command’s start', () => {
    const out = chartline!.output();
    expect(out).to.match(
      /OpenAPI: http:\/\/127\.0\.0\.1:\d+\/openapi\.json[\s\S]*OpenAPI: http:\/\/127\.0\.0\.1:\d+\/openapi\.json/,
    );
    expect(out).to.match(/logs +stderr, one JSON line per request/);
    const ready = Number(/Ready in ([\d.]+) s/.exec(out)?.[1]);
    // The test process spawned it: it cannot have been ready in less time than it took to print the banner.
    expect(ready).to.be.greaterThan(0.5);
  });

  it('runs the front desk’s main flow as printed: wards, census, bed board, register, request, admit, read own write, issue stock for the stay, paid invoices, audit', async function () {
    this.timeout(30_000);
    const flow = flowLines(chartline!.output());
    expect(flow.filter((l) => l.includes('curl '))).to.have.length(11);
    const out = await runFlow(chartline!.output());
    const codes = [...out.matchAll(/HTTP (\d{3})/g)].map((m) => Number(m[1]));
    expect(codes, out.slice(0, 2000)).to.have.length(8);
    expect(out, 'the HR roster with its coverage').to.match(/"coverage":\[\{"date"/);
    expect(out, 'the paid invoices billing seeded').to.match(/"kind":"invoice","number":\d+/);
    for (const code of codes) expect(code).to.be.within(200, 299);
    const patient = /patient ([0-9a-f-]{36})/.exec(out)?.[1];
    const stay = /stay ([0-9a-f-]{36})/.exec(out)?.[1];
    expect(patient, out).to.be.a('string');
    expect(stay, out).to.be.a('string');
    expect(/consistency token (\d+)/.exec(out)?.[1], out).to.match(/^\d+$/);
    // The read with the consistency token shows the admitted patient in an occupied bed at once.
    const occupied = out
      .split('\n')
      .filter((l) => l.startsWith('{"items"'))
      .at(-1);
    expect(occupied, out).to.include(patient!).and.to.include(stay!);
    expect(out).to.match(/"ok":true/);
    // The pharmacy's issue for the stay was accepted (one line per lot issued, FEFO).
    expect(out).to.match(/"events":\["inventory\.StockIssuedToPatient"/);
  });

  it('runs the laboratory’s flow as printed: order, collect, the order with its accession number, the worklist', async function () {
    this.timeout(30_000);
    const out = await runFlow(chartline!.output(), 'The laboratory’s flow');
    const codes = [...out.matchAll(/HTTP (\d{3})/g)].map((m) => Number(m[1]));
    expect(codes, out.slice(0, 2000)).to.deep.equal([200, 200]);
    const order = /order ([0-9a-f-]{36})/.exec(out)?.[1];
    expect(order, out).to.be.a('string');
    const [detail, worklist] = out
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const tests = (detail as { tests: { accessionNumber: string; stage: string }[] }).tests;
    expect(tests[0]?.stage).to.equal('awaiting_receipt');
    expect(tests[0]?.accessionNumber).to.match(/^L\d{8}[0-9A-Z]$/);
    const items = (worklist as { items: { orderId: string; minutesToTarget: number }[] }).items;
    expect(items.map((i) => i.orderId)).to.include(order);
  });

  it('logs one JSON line per request on stderr, with the route template and without personal data', () => {
    const lines = chartline!
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{"level"'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const requests = lines.filter((l) => l['msg'] === 'request');
    expect(requests.map((l) => l['route'])).to.include.members([
      '/hospitals/:hospitalId/patients/register-patient',
      '/hospitals/:hospitalId/wards/:wardId/beds',
    ]);
    const text = JSON.stringify(requests);
    expect(text).not.to.match(/Ada|Example|1990-04-01/);
  });

  it('stops on SIGTERM with exit 0', async () => {
    const exit = await chartline!.stop();
    expect(exit).to.deep.equal({ code: 0, signal: null });
    expect(chartline!.output()).to.match(/chartline: stopped/);
  });

  it('keeps every event across a restart, rebuilds the views with progress, and the examples still work', async function () {
    this.timeout(NOT_HUNG_MS + 30_000);
    chartline = start();
    await chartline.waitFor(/Ready in/, NOT_HUNG_MS);
    const out = chartline.output();
    expect(out).not.to.match(/seeding/);
    const kept = Number(/kept (\d+) events/.exec(out)?.[1]);
    expect(kept).to.be.greaterThan(80);
    expect(out).to.match(/admissions views rebuilt from \d+ events/);
    expect(out).to.match(/patients views rebuilt from \d+ events/);
    const flow = await runFlow(out);
    for (const code of [...flow.matchAll(/HTTP (\d{3})/g)].map((m) => Number(m[1])))
      expect(code, flow).to.be.within(200, 299);
  });
});
