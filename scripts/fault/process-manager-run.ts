import { randomBytes } from 'node:crypto';
import { moduleOfType } from '@chartline/events';
import {
  KafkaBus,
  type KeyStore,
  MasterKey,
  openPostgresKeyStore,
  PostgresEventStore,
  type RecordedEvent,
  requireService,
} from '@chartline/infra';
import { expect } from 'chai';
import kafkajs from 'kafkajs';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { type ProcessManagerName, processManagers } from '../../commands/src/main/process-managers.js';
import { toBusMessage } from '../../commands/src/relay/to-bus-message.js';
import { runTopics } from './child-env.js';
import { type Child, spawnChild } from './spawn-child.js';

/**
 * What a process manager's fault test stands on: its own PostgreSQL schema (event store), a key
 * store, and its own topics — one per module the process manager consumes, named as in production
 * under the run's prefix (`test.<name>.<run>.`), and its DLQ — so a run disturbs nobody on the
 * shared servers. `startChild` runs the process manager as a child process under the run's consumer
 * group; `close` kills what is left and drops the schema and the topics.
 */
export interface ProcessManagerFaultRun {
  /** The run's id: part of every name it uses, and free for the test's own (hospital ids). */
  readonly run: string;
  readonly store: PostgresEventStore;
  readonly keys: KeyStore;
  readonly bus: KafkaBus;
  /** Starts the process manager as a child process; resolves once it reports ready. */
  startChild(): Promise<Child>;
  /** Publishes stored events as the relay would: each on its module's topic of the run. */
  publish(events: readonly RecordedEvent[]): Promise<void>;
  /**
   * The fault: the process manager started on the first wave, killed with SIGKILL once `progress()`
   * reaches `killAt`, the second wave published while it is down, started again under the same
   * group and left until `caughtUp()`, then 2 s more so a redelivered tail plays out. `atKill` is
   * `progress()` just after the kill.
   */
  killMidStream(fault: MidStreamFault): Promise<{ first: Child; second: Child; atKill: number }>;
  /**
   * The end every fault test asks for: nothing parked by either run, and the restarted process
   * stopping cleanly on SIGTERM. Answers the lines of the events the restarted run acted on.
   */
  expectCleanEnd(first: Child, second: Child): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

export interface MidStreamFault {
  readonly firstWave: readonly RecordedEvent[];
  readonly secondWave: readonly RecordedEvent[];
  /** How far the process manager got, read from the event store (e.g. discharges appended). */
  readonly progress: () => Promise<number>;
  readonly killAt: number;
  /** Whether the restarted process manager has acted on every event of both waves. */
  readonly caughtUp: () => Promise<boolean>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Opens the run in a `before` hook; skips the suite, saying why, when PostgreSQL or Kafka is not
 * configured. `name` is the test's short name (`pmfault`), `processManager` the manifest's name.
 */
export async function openProcessManagerFaultRun(
  ctx: Mocha.Context,
  name: string,
  processManager: ProcessManagerName,
): Promise<ProcessManagerFaultRun> {
  const urls = {
    pg: requireService(ctx, 'POSTGRES_URL', 'the event store and key store'),
    kafka: requireService(ctx, 'KAFKA_BROKERS', `the topics ${processManager} consumes`),
  };
  const run = uuidv7().slice(-12);
  const schema = `${name}_${run}`;
  const prefix = `test.${name}.${run}.`;
  const modules = [...new Set(processManagers[processManager].processManager.consumes.map(moduleOfType))];
  const topics = modules.map((m) => runTopics(prefix, m).topic);
  const dlqTopic = `${prefix}dlq`;
  const masterKey = randomBytes(32).toString('base64');
  const store = await PostgresEventStore.open({ url: urls.pg, schema, poolSize: 4 });
  const keys = await openPostgresKeyStore(urls.pg, MasterKey.parse(masterKey));
  const bus = new KafkaBus({ brokers: urls.kafka, clientId: `${name}-${run}` });
  const children: Child[] = [];

  const faultRun: ProcessManagerFaultRun = {
    run,
    store,
    keys,
    bus,
    async startChild() {
      const child = spawnChild('child-process-manager.ts', {
        PROCESS_MANAGER: processManager,
        EVENT_STORE_URL: urls.pg,
        EVENT_STORE_SCHEMA: schema,
        KEY_STORE_URL: urls.pg,
        MASTER_KEY: masterKey,
        KAFKA_BROKERS: urls.kafka,
        TOPIC_PREFIX: prefix,
        DLQ_TOPIC: dlqTopic,
        GROUP: `${prefix}process-manager`,
        SESSION_TIMEOUT_MS: '6000',
      });
      children.push(child);
      await child.waitForLine((l) => l['ready'] === 'process-manager', 60_000);
      return child;
    },
    async publish(events) {
      const elsewhere = events.find((e) => !modules.includes(moduleOfType(e.type)));
      if (elsewhere) throw new Error(`${processManager} consumes no ${elsewhere.type}: it would never see it`);
      for (const module of modules) {
        const own = events.filter((e) => moduleOfType(e.type) === module);
        if (own.length > 0)
          await bus.publish(
            runTopics(prefix, module).topic,
            own.map((e) => toBusMessage(e).message),
          );
      }
    },
    async killMidStream({ firstWave, secondWave, progress, killAt, caughtUp }) {
      const first = await faultRun.startChild();
      await faultRun.publish(firstWave);
      const deadline = Date.now() + 120_000;
      while ((await progress()) < killAt && Date.now() < deadline) await sleep(20);
      const killed = await first.kill('SIGKILL');
      const atKill = await progress();
      expect(killed.signal).to.equal('SIGKILL');
      await faultRun.publish(secondWave);
      await sleep(300);
      const second = await faultRun.startChild();
      const patience = Date.now() + 180_000;
      while (!(await caughtUp()) && Date.now() < patience) await sleep(200);
      // Let a redelivered tail play out: nothing may be appended by it.
      await sleep(2_000);
      return { first, second, atKill };
    },
    async expectCleanEnd(first, second) {
      expect(
        [...first.lines, ...second.lines].filter((l) => 'parked' in l),
        'nothing parked',
      ).to.deep.equal([]);
      const secondRun = second.lines.filter((l) => 'event' in l);
      const exit = await second.kill('SIGTERM');
      expect(exit.code, second.stderr()).to.equal(0);
      return secondRun;
    },
    async close() {
      await Promise.allSettled(children.map((c) => c.kill('SIGKILL')));
      await bus.close();
      await keys.close();
      await store.close();
      const client = new pg.Client(urls.pg);
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => {});
      await client.end();
      const admin = new kafkajs.Kafka({ brokers: urls.kafka.split(','), logLevel: kafkajs.logLevel.NOTHING }).admin();
      await admin.connect();
      await admin.deleteTopics({ topics: [...topics, dlqTopic], timeout: 10_000 }).catch(() => {});
      await admin.disconnect();
    },
  };
  try {
    await bus.ensureTopics([...topics, dlqTopic], 3);
  } catch (error) {
    await faultRun.close().catch(() => {});
    throw error;
  }
  return faultRun;
}
