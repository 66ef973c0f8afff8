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
 * The relay entrypoint as production runs it, its event store a private PostgreSQL cluster that
 * the test stops and starts again (the shared one serves other tests), its Kafka the shared one.
 * The store is empty, so the relay publishes nothing on the shared topics.
 */
describe('relay entrypoint /readyz while its event store stops and returns', function () {
  this.timeout(120_000);
  let postgres: ThrowawayPostgres | undefined;
  let relay: Spawned | undefined;
  let port: number;

  before(async function () {
    const kafka = requireService(this, 'KAFKA_BROKERS', 'the relay must reach Kafka to be ready');
    if (!postgresBinDir()) {
      console.log(
        '      skipped: PostgreSQL server binaries (initdb, pg_ctl) are not installed under /usr/lib/postgresql',
      );
      this.skip();
    }
    postgres = await startThrowawayPostgres();
    port = await freePort();
    relay = spawnTs(
      'commands/src/main/relay.ts',
      [],
      cleanEnv({
        EVENT_STORE_URL: postgres.url,
        KAFKA_BROKERS: kafka,
        KAFKA_PARTITIONS: '3',
        PORT: String(port),
        LOG_LEVEL: 'info',
      }),
    );
    await relay.waitFor(/relay running/, 60_000);
  });

  after(async () => {
    await relay?.stop();
    await postgres?.destroy();
  });

  async function until(status: number, ms = 45_000): Promise<{ text: string; retryAfter: string | null }> {
    const deadline = Date.now() + ms;
    for (;;) {
      const res = await fetch(`http://127.0.0.1:${port}/readyz`).catch((error: unknown) => {
        throw new Error(`/readyz unreachable:\n${relay?.output().slice(0, 6000)}`, { cause: error });
      });
      const text = await res.text();
      if (res.status === status) return { text, retryAfter: res.headers.get('retry-after') };
      if (Date.now() > deadline)
        throw new Error(`/readyz stayed ${res.status}: ${text}\n${relay?.output().slice(-2000)}`);
      await sleep(250);
    }
  }

  it('is ready, then 503 naming event-store (no URL) while PostgreSQL is down, then ready again', async () => {
    const ready = await until(200);
    expect(JSON.parse(ready.text)).to.deep.equal({ status: 'ready', checks: { 'event-store': 'up', kafka: 'up' } });

    await postgres?.stop('fast');
    const down = await until(503);
    expect(down.retryAfter).to.equal('5');
    expect(JSON.parse(down.text)).to.deep.equal({
      status: 'not ready',
      checks: { 'event-store': 'down', kafka: 'up' },
      failing: ['event-store'],
    });
    expect(down.text).not.to.include('postgres://').and.not.to.include(String(postgres?.port));
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metrics).to.include('chartline_ready{service="relay",dependency="event-store"} 0');
    expect(metrics).to.include('chartline_ready{service="relay",dependency="kafka"} 1');
    // Alive all along: Kubernetes must not restart a relay whose store is away.
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).to.equal(200);

    await postgres?.start();
    const back = await until(200);
    expect(JSON.parse(back.text)).to.deep.equal({ status: 'ready', checks: { 'event-store': 'up', kafka: 'up' } });
    expect(relay?.child.exitCode, 'the relay kept running through the outage').to.equal(null);
  });
});
