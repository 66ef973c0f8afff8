import { randomBytes } from 'node:crypto';
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
import { dischargeOnDeath } from '../commands/src/admissions/index.js';
import { derivedCommandId } from '../commands/src/process-manager/names.js';
import {
  type AdmittedPatient,
  admitPatients,
  commandDeps,
  recordDeaths,
} from '../commands/src/process-manager/testing/deaths.js';
import { toBusMessage } from '../commands/src/relay/to-bus-message.js';
import { type Child, spawnChild } from './fault/spawn-child.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const HOSPITALS = 3;
const PER_HOSPITAL = Number(process.env['PM_FAULT_PATIENTS'] ?? 50);

/**
 * The done-when fault test of the process-manager runtime: the discharge-on-death process manager
 * runs as a child process on a stream of recorded deaths; it is killed with SIGKILL while acting on
 * them (some discharged, some not, a batch's offsets uncommitted), more deaths arrive while it is
 * down, and it is started again under the same consumer group. In the end every death has
 * discharged its patient's stay exactly once — none lost, none twice — under the command id derived
 * from the death. Own PostgreSQL schema, topics and group: the run disturbs nobody on the shared servers.
 */
describe('process-manager fault: kill -9 it mid-stream, restart, exactly one discharge per death', function () {
  this.timeout(300_000);
  const run = uuidv7().slice(-12);
  const schema = `pmfault_${run}`;
  const topic = `test.pmfault.${run}.chartline.patients.events.v1`;
  const dlqTopic = `test.pmfault.${run}.dlq`;
  const masterKey = randomBytes(32).toString('base64');
  let urls: { pg: string; kafka: string };
  let store: PostgresEventStore;
  let keys: KeyStore;
  let bus: KafkaBus;
  const admitted = new Map<string, AdmittedPatient>();
  let deaths: RecordedEvent[] = [];
  const children: Child[] = [];

  before(async function () {
    urls = {
      pg: requireService(this, 'POSTGRES_URL', 'the event store and key store'),
      kafka: requireService(this, 'KAFKA_BROKERS', 'the patients topic'),
    };
    store = await PostgresEventStore.open({ url: urls.pg, schema, poolSize: 4 });
    keys = await openPostgresKeyStore(urls.pg, MasterKey.parse(masterKey));
    bus = new KafkaBus({ brokers: urls.kafka, clientId: `pm-fault-${run}` });
    const deps = commandDeps(store, keys);
    for (let h = 0; h < HOSPITALS; h++) {
      const hospitalId = `pf${run}${h}`;
      const patients = await admitPatients(deps, hospitalId, PER_HOSPITAL);
      for (const p of patients) admitted.set(p.patientId, p);
      deaths.push(...(await recordDeaths(deps, hospitalId, patients)));
    }
    // In the order they were recorded, as the relay would publish them.
    deaths = deaths.sort((a, b) => a.position - b.position);
    await bus.ensureTopics([topic, dlqTopic], 3);
  });

  after(async () => {
    await Promise.allSettled(children.map((c) => c.kill('SIGKILL')));
    await bus?.close();
    await keys?.close();
    await store?.close();
    if (!urls) return;
    const client = new pg.Client(urls.pg);
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => {});
    await client.end();
    const admin = new kafkajs.Kafka({ brokers: urls.kafka.split(','), logLevel: kafkajs.logLevel.NOTHING }).admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic, dlqTopic], timeout: 10_000 }).catch(() => {});
    await admin.disconnect();
  });

  const startChild = async () => {
    const child = spawnChild('child-process-manager.ts', {
      EVENT_STORE_URL: urls.pg,
      EVENT_STORE_SCHEMA: schema,
      KEY_STORE_URL: urls.pg,
      MASTER_KEY: masterKey,
      KAFKA_BROKERS: urls.kafka,
      TOPIC: topic,
      DLQ_TOPIC: dlqTopic,
      GROUP: `test.pmfault.${run}.process-manager`,
      SESSION_TIMEOUT_MS: '6000',
    });
    children.push(child);
    await child.waitForLine((l) => l['ready'] === 'process-manager', 60_000);
    return child;
  };

  const discharged = async () =>
    (await store.readAll({ filter: { eventTypePrefixes: ['admissions.PatientDischarged'] } })).length;

  it('ends with every stay discharged exactly once, though killed while discharging', async () => {
    const publish = (events: readonly RecordedEvent[]) =>
      bus.publish(
        topic,
        events.map((e) => toBusMessage(e).message),
      );
    // Most deaths now, the rest while the process manager is down.
    const firstWave = deaths.slice(0, Math.floor(deaths.length * 0.8));
    const secondWave = deaths.slice(firstWave.length);
    const first = await startChild();
    await publish(firstWave);

    const killAt = Math.max(5, Math.floor(deaths.length / 5));
    const deadline = Date.now() + 120_000;
    while ((await discharged()) < killAt && Date.now() < deadline) await sleep(20);
    const killed = await first.kill('SIGKILL');
    const dischargedAtKill = await discharged();
    expect(killed.signal).to.equal('SIGKILL');
    expect(dischargedAtKill, 'killed after some discharges').to.be.at.least(killAt);
    expect(dischargedAtKill, 'killed before it had acted on every death published').to.be.below(firstWave.length);

    await publish(secondWave);
    await sleep(300);
    const second = await startChild();
    const caughtUp = Date.now() + 180_000;
    while ((await discharged()) < deaths.length && Date.now() < caughtUp) await sleep(200);
    // Let a redelivered tail play out: nothing may be appended by it.
    await sleep(2_000);

    const all = await store.readAll();
    const discharges = all.filter((e) => e.type === 'admissions.PatientDischarged');
    expect(discharges, 'one discharge per death').to.have.length(deaths.length);
    for (const death of deaths) {
      const { stayId } = admitted.get(String(death.data['patientId']))!;
      const commandId = derivedCommandId(dischargeOnDeath, death.eventId, `discharge:${stayId}`);
      const caused = all.filter((e) => e.metadata['causationId'] === commandId).map((e) => e.type);
      expect(caused.sort(), `death ${death.eventId}`).to.deep.equal([
        'admissions.BedVacated',
        'admissions.PatientDischarged',
        'admissions.StayClosed',
      ]);
    }
    const lines = [...first.lines, ...second.lines];
    expect(
      lines.filter((l) => 'parked' in l),
      'nothing parked',
    ).to.deep.equal([]);
    const secondRun = second.lines.filter((l) => 'event' in l);
    const exit = await second.kill('SIGTERM');
    expect(exit.code, second.stderr()).to.equal(0);
    console.log(
      `      ${deaths.length} deaths; killed at ${dischargedAtKill} discharged; after restart ${secondRun.length} events acted on (${secondRun.filter((l) => (l['commands'] as string[]).length === 0).length} already done)`,
    );
  });
});
