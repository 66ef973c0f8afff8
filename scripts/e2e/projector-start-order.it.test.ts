import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '@chartline/infra';
import { expect } from 'chai';
import { cleanEnv, type Spawned, spawnTs } from './spawned.js';

/**
 * Issue 22 item 21 at the level it was found: the projector entrypoint started while Kafka (and
 * MongoDB, Redis) cannot be reached stays up, answers /healthz, and says on /readyz which
 * dependency is missing and that it is not consuming, instead of exiting. Nothing is reachable,
 * so no server is needed; that it then consumes once its topic appears is start-order.it.test.ts.
 */
describe('projector entrypoint started before its servers', function () {
  this.timeout(60_000);
  let projector: Spawned | undefined;
  let port: number;

  before(async () => {
    port = await freePort();
    projector = spawnTs(
      'projections/src/main/projector.ts',
      [],
      cleanEnv({
        PROJECTOR_MODULE: 'admissions',
        KEY_STORE_URL: 'memory:',
        PERSONAL_DATA_MASTER_KEY: randomBytes(32).toString('base64'),
        KAFKA_BROKERS: '127.0.0.1:1',
        MONGODB_URL: 'mongodb://127.0.0.1:1/x',
        REDIS_URL: 'redis://127.0.0.1:1',
        PORT: String(port),
        LOG_LEVEL: 'info',
      }),
    );
    await projector.waitFor(/projector running/, 45_000);
  });

  after(async () => {
    await projector?.stop();
  });

  it('stays alive and not ready, naming kafka and the consumer, then stops on SIGTERM with 0', async () => {
    let exited = false;
    void projector?.exited().then(() => {
      exited = true;
    });
    await sleep(4000);
    expect(exited, projector?.output().slice(-2000)).to.equal(false);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).to.equal(200);
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    const body = (await ready.json()) as { failing: string[] };
    expect(ready.status).to.equal(503);
    expect(body.failing).to.include.members(['kafka', 'consumer']);
    const exit = await projector?.stop();
    projector = undefined;
    expect(exit?.code).to.equal(0);
  });
});

describe('process manager entrypoint started before Kafka', function () {
  this.timeout(60_000);

  it('stays alive and not ready, naming kafka and the consumer, then stops on SIGTERM with 0', async () => {
    const port = await freePort();
    const key = randomBytes(32).toString('base64');
    const pm = spawnTs(
      'commands/src/main/process-manager.ts',
      [],
      cleanEnv({
        PROCESS_MANAGER: 'admissions.discharge-on-death',
        EVENT_STORE_URL: 'memory:',
        KEY_STORE_URL: 'memory:',
        PERSONAL_DATA_MASTER_KEY: key,
        BLIND_INDEX_KEY: key,
        KAFKA_BROKERS: '127.0.0.1:1',
        PORT: String(port),
        LOG_LEVEL: 'info',
      }),
    );
    try {
      await pm.waitFor(/process manager running/, 45_000);
      let exited = false;
      void pm.exited().then(() => {
        exited = true;
      });
      await sleep(4000);
      expect(exited, pm.output().slice(-2000)).to.equal(false);
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
      const body = (await ready.json()) as { failing: string[] };
      expect(ready.status).to.equal(503);
      expect(body.failing).to.include.members(['kafka', 'consumer']);
    } finally {
      const exit = await pm.stop();
      expect(exit.code, pm.output().slice(-2000)).to.equal(0);
    }
  });
});
