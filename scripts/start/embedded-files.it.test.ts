import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { registerHospital } from '../seed/demo-hospitals.js';
import { type EmbeddedChartline, startEmbedded } from './embedded.js';

/** Issue 21 item 13: what the embedded start leaves on disk is for its owner only, and durable when acknowledged. */
describe('embedded start: its files', () => {
  let dataDir: string;
  let chartline: EmbeddedChartline | undefined;
  const mode = (file: string) => statSync(join(dataDir, file)).mode & 0o777;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'chartline-files-'));
  });
  afterEach(async () => {
    await chartline?.stop();
    chartline = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  });

  const registerSomeone = async (c: EmbeddedChartline) => {
    await registerHospital(c.commandUrl, c.mint, 'h-files');
    const token = await c.mint({ sub: 'desk', role: 'front_desk', hospitals: ['h-files'] });
    const res = await fetch(`${c.commandUrl}/hospitals/h-files/patients/register-patient`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': 'k-1' },
      body: JSON.stringify({ givenName: 'Ada', familyName: 'Lovelace', birthDate: '1815-12-10', sex: 'female' }),
    });
    expect(res.status).to.equal(201);
  };

  it('creates events.db, keys.db (with their -wal and -shm) and dev-secrets.json readable by the owner only (0600)', async () => {
    chartline = await startEmbedded({ dataDir, commandPort: 0, readPort: 0, log: () => {} });
    await registerSomeone(chartline);
    for (const file of [
      'dev-secrets.json',
      'events.db',
      'events.db-wal',
      'events.db-shm',
      'keys.db',
      'keys.db-wal',
      'keys.db-shm',
    ]) {
      expect(mode(file).toString(8), file).to.equal('600');
    }
    expect(mode('.').toString(8), 'the data folder').to.equal('700');
  });

  it('tightens files an earlier version left world-readable', async () => {
    for (const file of ['events.db', 'keys.db']) writeFileSync(join(dataDir, file), '', { mode: 0o644 });
    chartline = await startEmbedded({ dataDir, commandPort: 0, readPort: 0, log: () => {} });
    await registerSomeone(chartline);
    for (const file of ['events.db', 'events.db-wal', 'keys.db', 'keys.db-wal']) {
      expect(mode(file).toString(8), file).to.equal('600');
    }
  });

  it('acknowledges a command only once it is durable: the event store syncs every commit (synchronous=FULL)', async () => {
    chartline = await startEmbedded({ dataDir, commandPort: 0, readPort: 0, log: () => {} });
    expect(chartline.store.synchronous).to.equal('full');
  });
});
