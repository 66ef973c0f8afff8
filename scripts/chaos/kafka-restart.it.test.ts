import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'chai';
import { KafkaBus } from '../../infra/src/bus/kafka/bus.js';
import type { BusMessage } from '../../infra/src/bus/port.js';
import { type OwnServers, startOwnServers } from './servers.js';

/**
 * The chaos suite's Kafka fault, small: a consumer of the real KafkaBus (the path every projector
 * takes) consumes, its broker is SIGKILLed and started again, and what is produced afterwards must
 * reach it. Runs on servers of its own (ports from CHAOS_PORT_BASE, default 43000), never the shared ones.
 * It passes: the bus-level consumer recovers (kafkajs crashes with retriable errors while the broker
 * is away and restarts itself), even with a slow handler and a producer publishing through the
 * outage. So the chaos suite's Kafka-restart stall (projectors ready, lag growing, nothing applied)
 * is not reproduced at this level; this guards the level below the projector runtime.
 */
describe('KafkaBus consumer across a broker SIGKILL and restart', function () {
  this.timeout(600_000);
  let servers: OwnServers;

  before(async () => {
    servers = await startOwnServers('kafka-restart', (line) => console.log(`      ${line}`), 43_000);
  });
  after(async () => {
    await servers?.destroy();
  });

  it('consumes what is produced after the broker came back', async () => {
    const brokers = servers.env['KAFKA_BROKERS']!;
    const topic = `restart.${Date.now()}`;
    // RESTART_TEST_LOG=1 prints kafkajs's warnings and errors (crashes, restarts) to see what it did.
    const log = (fields: object, line: string) => {
      if (process.env['RESTART_TEST_LOG']) console.log(`        kafkajs: ${line} ${JSON.stringify(fields)}`);
    };
    // As the projector opens it: default session timeout, a logger, 12 partitions.
    const bus = new KafkaBus({ brokers, clientId: 'restart-test', logger: { warn: log, error: log } });
    const seen = new Set<string>();
    const message = (id: string): BusMessage => ({ key: `h${id}`, value: Buffer.from(id), headers: {} });
    try {
      await bus.ensureTopics([topic], 12);
      const consumer = await bus.consume({
        groupId: `${topic}.group`,
        topics: [topic],
        handleBatch: async (batch) => {
          // A projector's batch takes a while (MongoDB, Redis): the kill lands mid-batch.
          await sleep(50);
          for (const m of batch.messages) seen.add(m.value.toString());
        },
      });
      await bus.publish(topic, ['a1', 'a2', 'a3'].map(message));
      await until(() => seen.size === 3, 30_000, 'the messages produced before the kill');

      // As the relay does: another client keeps publishing through the outage.
      const relay = new KafkaBus({ brokers, clientId: 'restart-test-relay', retries: 1 });
      let producing = true;
      let n = 0;
      const during = (async () => {
        while (producing) {
          const batch = Array.from({ length: 12 }, () => message(`c${n++}`));
          await relay.publish(topic, batch).catch(() => (n -= 12));
          await sleep(100);
        }
      })();
      await sleep(2000);
      const pid = await servers.pidOf('kafka');
      expect(pid, 'kafka pid').to.be.a('number');
      process.kill(pid!, 'SIGKILL');
      await sleep(Number(process.env['RESTART_TEST_DOWN_MS'] ?? 20_000));
      await servers.up();

      await until(
        async () =>
          bus.publish(topic, ['b1', 'b2', 'b3'].map(message)).then(
            () => true,
            () => false,
          ),
        60_000,
        'a publish after the restart',
      );
      producing = false;
      await during;
      await relay.close();
      await until(
        () => ['b1', 'b2', 'b3'].every((id) => seen.has(id)),
        60_000,
        'the messages produced after the restart',
      );
      // The handler saw them; their offsets are committed just after it returns, so the lag is
      // read until it settles (once read at the instant of seeing: 11).
      const lag = async () => (await consumer.lag()).reduce((sum, p) => sum + p.lag, 0);
      await until(async () => (await lag()) <= 3, 15_000, 'the lag to settle after the commit').catch(() => undefined);
      expect(await lag()).to.be.at.most(3);
    } finally {
      await bus.close();
    }
  });
});

async function until(check: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  for (const end = Date.now() + ms; Date.now() < end; ) {
    if (await check()) return;
    await sleep(250);
  }
  throw new Error(`timed out after ${ms} ms waiting for ${what}`);
}
