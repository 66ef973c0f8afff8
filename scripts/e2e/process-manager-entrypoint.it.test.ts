import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort, requireService } from '@chartline/infra';
import { expect } from 'chai';
import { cleanEnv, type Spawned, spawnTs } from './spawned.js';

/**
 * The process-manager entrypoint as production runs it (`npm run start:process-manager -- --name
 * …`): it joins its consumer group on the shared Kafka, answers /healthz, /readyz naming its three
 * dependencies, /metrics with its counters, and stops cleanly on SIGTERM. Its event store and key
 * store are SQLite files of this run; nothing is published, so it acts on nobody's events.
 */
describe('process-manager entrypoint: ready on Kafka, event store and key store; metrics; clean stop', function () {
  this.timeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), 'chartline-pm-entry-'));
  let pm: Spawned | undefined;
  let port: number;

  before(async function () {
    const kafka = requireService(this, 'KAFKA_BROKERS', 'the process manager consumes the patients topic');
    port = await freePort();
    const key = randomBytes(32).toString('base64');
    pm = spawnTs(
      'commands/src/main/process-manager.ts',
      ['--name', 'admissions.discharge-on-death'],
      cleanEnv({
        EVENT_STORE_URL: `sqlite:${join(dir, 'events.db')}`,
        KEY_STORE_URL: `sqlite:${join(dir, 'keys.db')}`,
        PERSONAL_DATA_MASTER_KEY: key,
        BLIND_INDEX_KEY: key,
        KAFKA_BROKERS: kafka,
        PORT: String(port),
        LOG_LEVEL: 'info',
      }),
    );
    await pm.waitFor(/process manager consuming/, 60_000);
  });

  after(async () => {
    await pm?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is ready with its three dependencies up and exposes its metrics under its name', async () => {
    const deadline = Date.now() + 30_000;
    let res = await fetch(`http://127.0.0.1:${port}/readyz`);
    while (res.status !== 200 && Date.now() < deadline) {
      await sleep(250);
      res = await fetch(`http://127.0.0.1:${port}/readyz`);
    }
    expect(await res.json()).to.deep.equal({
      status: 'ready',
      checks: { kafka: 'up', 'event-store': 'up', 'key-store': 'up', consumer: 'up' },
    });
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).to.equal(200);
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    const pmLabel = 'process_manager="admissions.discharge-on-death"';
    expect(metrics).to.include(`chartline_process_manager_events_total{${pmLabel}} 0`);
    expect(metrics).to.include('chartline_dlq_messages_total{module="admissions.discharge-on-death"} 0');
    expect(metrics).to.include(
      'chartline_ready{service="process-manager-admissions-discharge-on-death",dependency="kafka"} 1',
    );
    const started = pm!.output();
    expect(started).to.match(/"group":"chartline.process-manager.admissions.discharge-on-death"/);
    expect(started).to.match(/"topics":\["chartline.patients.events.v1"\]/);
  });

  it('stops on SIGTERM with exit 0', async () => {
    expect(await pm!.stop()).to.deep.equal({ code: 0, signal: null });
    pm = undefined;
  });
});
