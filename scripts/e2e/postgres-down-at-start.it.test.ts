import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  freePort,
  postgresBinDir,
  requireService,
  startThrowawayPostgres,
  type ThrowawayPostgres,
} from '@chartline/infra';
import { expect } from 'chai';
import { cleanEnv, type Spawned, spawnTs } from './spawned.js';

/**
 * Issue 22 item 21 for PostgreSQL: a consumer process whose event store or key store is down at
 * start used to exit 1 (opening the store failed the start). Now it stays up, not ready, naming the
 * stores, and opens them again with backoff; once PostgreSQL answers it consumes. The stores are a
 * private PostgreSQL cluster created stopped (the shared one serves other tests); Kafka is shared.
 */
async function readyz(port: number): Promise<{ status: number; failing: string[] }> {
  const res = await fetch(`http://127.0.0.1:${port}/readyz`);
  const body = (await res.json()) as { failing?: string[] };
  return { status: res.status, failing: body.failing ?? [] };
}

async function stillRunningAfter(child: Spawned, ms: number): Promise<boolean> {
  let exited = false;
  void child.exited().then(() => {
    exited = true;
  });
  await sleep(ms);
  return !exited;
}

describe('consumers started while PostgreSQL is down', function () {
  this.timeout(180_000);
  let postgres: ThrowawayPostgres | undefined;
  const children: Spawned[] = [];
  let kafka: string;

  before(async function () {
    kafka = requireService(this, 'KAFKA_BROKERS', 'the process manager joins its group once its stores answer');
    if (!postgresBinDir()) {
      console.log(
        '      skipped: PostgreSQL server binaries (initdb, pg_ctl) are not installed under /usr/lib/postgresql',
      );
      this.skip();
    }
    // Created, then stopped: its port refuses connections until start().
    postgres = await startThrowawayPostgres();
    await postgres.stop();
  });

  after(async () => {
    for (const child of children) await child.stop();
    await postgres?.destroy();
  });

  it('the process manager stays up not ready, then consumes once PostgreSQL starts; SIGTERM exits 0', async () => {
    const port = await freePort();
    const key = randomBytes(32).toString('base64');
    const pm = spawnTs(
      'commands/src/main/process-manager.ts',
      [],
      cleanEnv({
        PROCESS_MANAGER: 'admissions.discharge-on-death',
        EVENT_STORE_URL: postgres!.url,
        KEY_STORE_URL: postgres!.url,
        PERSONAL_DATA_MASTER_KEY: key,
        BLIND_INDEX_KEY: key,
        KAFKA_BROKERS: kafka,
        PORT: String(port),
        LOG_LEVEL: 'info',
      }),
    );
    children.push(pm);
    await pm.waitFor(/process manager running/, 45_000);
    expect(await stillRunningAfter(pm, 4000), pm.output().slice(-2000)).to.equal(true);
    const down = await readyz(port);
    expect(down.status).to.equal(503);
    expect(down.failing).to.include.members(['event-store', 'key-store', 'consumer']);
    expect(down.failing).not.to.include('kafka');
    expect(pm.output()).to.match(/"msg":"retrying"/);
    // No URL (it may carry a password) in what it logged while retrying.
    expect(pm.output()).not.to.include(postgres!.url);

    await postgres!.start();
    await pm.waitFor(/process manager consuming/, 90_000);
    const deadline = Date.now() + 30_000;
    let up = await readyz(port);
    while (up.status !== 200 && Date.now() < deadline) {
      await sleep(250);
      up = await readyz(port);
    }
    expect(up.status, JSON.stringify(up)).to.equal(200);
    expect(await pm.stop()).to.deep.equal({ code: 0, signal: null });
    await postgres!.stop();
  });

  it('the projector stays up not ready with its key store down, reopens it when it returns; SIGTERM exits 0', async () => {
    const port = await freePort();
    const projector = spawnTs(
      'projections/src/main/projector.ts',
      [],
      cleanEnv({
        PROJECTOR_MODULE: 'admissions',
        KEY_STORE_URL: postgres!.url,
        PERSONAL_DATA_MASTER_KEY: randomBytes(32).toString('base64'),
        // Kafka stays unreachable: the projector must not join the shared production group.
        KAFKA_BROKERS: '127.0.0.1:1',
        MONGODB_URL: 'mongodb://127.0.0.1:1/x',
        REDIS_URL: 'redis://127.0.0.1:1',
        PORT: String(port),
        LOG_LEVEL: 'info',
      }),
    );
    children.push(projector);
    await projector.waitFor(/projector running/, 45_000);
    expect(await stillRunningAfter(projector, 4000), projector.output().slice(-2000)).to.equal(true);
    expect((await readyz(port)).failing).to.include.members(['key-store', 'kafka', 'consumer']);

    await postgres!.start();
    const deadline = Date.now() + 60_000;
    let state = await readyz(port);
    while (state.failing.includes('key-store') && Date.now() < deadline) {
      await sleep(250);
      state = await readyz(port);
    }
    expect(state.failing, 'the key store was opened again once PostgreSQL answered').not.to.include('key-store');
    expect(state.failing).to.include('consumer');
    expect(await projector.stop()).to.deep.equal({ code: 0, signal: null });
    await postgres!.stop();
  });

  it('the relay stays up not ready with PostgreSQL and Kafka away, reopens the store when it returns; SIGTERM exits 0', async () => {
    // Both away: it used to exit 1 at start (opening the store, then creating the topics).
    const port = await freePort();
    const relay = spawnTs(
      'commands/src/main/relay.ts',
      [],
      cleanEnv({ EVENT_STORE_URL: postgres!.url, KAFKA_BROKERS: '127.0.0.1:1', PORT: String(port), LOG_LEVEL: 'info' }),
    );
    children.push(relay);
    await relay.waitFor(/relay running/, 45_000);
    expect(await stillRunningAfter(relay, 4000), relay.output().slice(-2000)).to.equal(true);
    expect((await readyz(port)).failing).to.have.members(['event-store', 'kafka']);

    await postgres!.start();
    const deadline = Date.now() + 60_000;
    let state = await readyz(port);
    while (state.failing.includes('event-store') && Date.now() < deadline) {
      await sleep(250);
      state = await readyz(port);
    }
    expect(state.failing, 'the event store was opened again once PostgreSQL answered').to.deep.equal(['kafka']);
    expect(await relay.stop()).to.deep.equal({ code: 0, signal: null });
    await postgres!.stop();
  });
});
