import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'chai';
import { DEMO_HOSPITALS, registerDemoHospitals, registerHospital } from '../seed/demo-hospitals.js';
import { type EmbeddedChartline, startEmbedded } from './embedded.js';

/** The embedded start serves only hospitals registered and not suspended, on both APIs, like production. */
describe('embedded start: hospitals the platform serves', () => {
  const H = 'h-onboard';
  let dataDir: string;
  let chartline: EmbeddedChartline;
  let n = 0;

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'chartline-hospitals-'));
    chartline = await startEmbedded({ dataDir, commandPort: 0, readPort: 0, log: () => {} });
  });
  after(async () => {
    await chartline?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const token = (role: string) => chartline.mint({ sub: role, role, hospitals: [H] });
  const command = async (role: string, path: string, body: object) => {
    const res = await fetch(`${chartline.commandUrl}/hospitals/${H}/${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await token(role)}`,
        'content-type': 'application/json',
        'idempotency-key': `k-${n++}`,
      },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const read = async (role: string, path: string) => {
    const res = await fetch(`${chartline.readUrl}/hospitals/${H}/${path}`, {
      headers: { authorization: `Bearer ${await token(role)}` },
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const ward = () => command('admin', 'admissions/define-ward', { name: 'Ward 1', specialty: 'medical' });
  /** The read API's status is cached (5 s by default): poll as an app retrying would. */
  const readUntil = async (status: number) => {
    const deadline = Date.now() + 8_000;
    for (;;) {
      const res = await read('nurse', 'census');
      if (res.status === status || Date.now() > deadline) return res;
      await sleep(200);
    }
  };

  it('refuses an unregistered hospital’s tokens on both APIs', async () => {
    expect(await ward()).to.deep.include({ status: 403 });
    expect((await ward()).body).to.include({ type: '/problems/hospital-not-registered' });
    expect((await read('nurse', 'census')).body).to.include({ type: '/problems/hospital-not-registered' });
  });

  it('serves it once a platform administrator registered it', async () => {
    expect(await registerHospital(chartline.commandUrl, chartline.mint, H)).to.equal(true);
    expect((await ward()).status).to.equal(201);
    expect((await readUntil(200)).status).to.equal(200);
  });

  it('refuses a suspended hospital on both APIs', async () => {
    expect((await command('platform_admin', 'hospitals/suspend-hospital', { reason: 'audit' })).status).to.equal(200);
    expect((await ward()).body).to.include({ type: '/problems/hospital-suspended', status: 403 });
    expect((await readUntil(403)).body).to.include({ type: '/problems/hospital-suspended' });
  });

  it('registers the demo hospitals of an older data folder on restart, once', async () => {
    expect(await registerDemoHospitals(chartline.commandUrl, chartline.mint)).to.deep.equal([...DEMO_HOSPITALS]);
    expect(await registerDemoHospitals(chartline.commandUrl, chartline.mint)).to.deep.equal([]);
  });
});
