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
import { admissionsModule, dischargeOnDeath } from '../admissions/index.js';
import { toBusMessage } from '../relay/to-bus-message.js';
import type { CommandDeps } from '../server/execute-command.js';
import { derivedCommandId } from './names.js';
import { type ProcessManagerRuntime, startProcessManager } from './runtime.js';
import { type AdmittedPatient, admitPatients, commandDeps, recordDeaths } from './testing/deaths.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The process-manager runtime on real servers: PostgreSQL (a schema of its own) and Kafka (topics
 * and groups of its own). The same batch of deaths is on the topic three times — delivered once and
 * redelivered twice, as a relay that restarts before its checkpoint republishes — while a second
 * runtime in another group races the first over the same events (as a member rebalanced away still
 * finishing its batch would), and finally a fresh group replays the topic from the start. Each
 * death must have discharged its stay exactly once, under the command id derived from it.
 */
describe('process-manager runtime on PostgreSQL and Kafka: a batch redelivered twice', function () {
  this.timeout(180_000);
  const run = uuidv7().slice(-12);
  const schema = `pm_${run}`;
  const topic = `test.pm.${run}.chartline.patients.events.v1`;
  const dlqTopic = `test.pm.${run}.dlq`;
  const hospitals = [`pm${run}a`, `pm${run}b`];
  const PER_HOSPITAL = 15;
  let url: string;
  let brokers: string;
  let store: PostgresEventStore;
  let keys: KeyStore;
  let deps: CommandDeps;
  let bus: KafkaBus;
  const runtimes: ProcessManagerRuntime[] = [];
  const admitted = new Map<string, AdmittedPatient>();
  const deaths: RecordedEvent[] = [];

  before(async function () {
    url = requireService(this, 'POSTGRES_URL', 'the event store the commands are appended to');
    brokers = requireService(this, 'KAFKA_BROKERS', 'the patients topic it consumes');
    store = await PostgresEventStore.open({ url, schema, poolSize: 6 });
    keys = await openPostgresKeyStore(url, MasterKey.parse(randomBytes(32).toString('base64')));
    deps = commandDeps(store, keys);
    bus = new KafkaBus({ brokers, clientId: `pm-it-${run}`, sessionTimeoutMs: 10_000, heartbeatIntervalMs: 500 });
    for (const hospitalId of hospitals) {
      const patients = await admitPatients(deps, hospitalId, PER_HOSPITAL);
      for (const p of patients) admitted.set(p.patientId, p);
      deaths.push(...(await recordDeaths(deps, hospitalId, patients)));
    }
  });

  after(async () => {
    await Promise.allSettled(runtimes.map((r) => r.stop()));
    await bus?.close();
    await keys?.close();
    await store?.close();
    if (!url) return;
    const client = new pg.Client(url);
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => {});
    await client.end();
    const admin = new kafkajs.Kafka({ brokers: brokers.split(','), logLevel: kafkajs.logLevel.NOTHING }).admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic, dlqTopic], timeout: 10_000 }).catch(() => {});
    await admin.disconnect();
  });

  const start = async (group: string) => {
    const runtime = await startProcessManager({
      bus,
      processManager: dischargeOnDeath,
      module: admissionsModule,
      commands: deps,
      names: { topicOf: () => topic, dlqTopic, groupId: `test.pm.${run}.${group}` },
      partitions: 3,
      backoff: { initialMs: 10, maxMs: 200 },
    });
    runtimes.push(runtime);
    return runtime;
  };

  async function until(check: () => boolean, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline && !check()) await sleep(100);
    return check();
  }

  it('discharges every stay exactly once, under the command id derived from its death', async () => {
    const patientsEvents = (await store.readAll()).filter((e) => e.type.startsWith('patients.'));
    const batch = patientsEvents.map((e) => toBusMessage(e).message);
    await bus.ensureTopics([topic, dlqTopic], 3);
    // Delivered, then redelivered twice.
    for (let copy = 0; copy < 3; copy++) await bus.publish(topic, batch);

    const [first, second] = [await start('a'), await start('b')];
    const expectedHandled = 3 * deaths.length;
    const done = await until(
      () => first.stats().handled === expectedHandled && second.stats().handled === expectedHandled,
      120_000,
    );
    expect(done, `handled ${first.stats().handled} and ${second.stats().handled} of ${expectedHandled}`).to.equal(true);

    const stats = [first.stats(), second.stats()];
    expect(stats.map((s) => s.parked)).to.deep.equal([0, 0]);
    expect(stats.map((s) => s.ignored)).to.deep.equal([
      3 * (batch.length - deaths.length),
      3 * (batch.length - deaths.length),
    ]);
    expect(stats[0]!.sent + stats[1]!.sent, 'commands appended across both groups').to.equal(deaths.length);

    // A fresh group replays the topic from the start: nothing is left to do.
    const replay = await start('replay');
    expect(await until(() => replay.stats().handled === expectedHandled, 60_000)).to.equal(true);
    expect(replay.stats()).to.deep.include({ sent: 0, parked: 0 });

    const all = await store.readAll();
    const discharges = all.filter((e) => e.type === 'admissions.PatientDischarged');
    expect(discharges).to.have.length(deaths.length);
    for (const death of deaths) {
      const patientId = String(death.data['patientId']);
      const { stayId, bedId } = admitted.get(patientId)!;
      const commandId = derivedCommandId(dischargeOnDeath, death.eventId, `discharge:${stayId}`);
      const caused = all.filter((e) => e.metadata['causationId'] === commandId);
      expect(caused.map((e) => e.type).sort(), `death of ${patientId}`).to.deep.equal([
        'admissions.BedVacated',
        'admissions.PatientDischarged',
        'admissions.StayClosed',
      ]);
      expect(caused.find((e) => e.type === 'admissions.PatientDischarged')!.data).to.deep.include({
        stayId,
        bedId,
        reason: 'death',
      });
      expect(caused[0]!.metadata['correlationId']).to.equal(death.metadata['correlationId']);
      const ofStay = all.filter((e) => e.streamId.endsWith(`.${stayId}`) && e.type === 'admissions.PatientDischarged');
      expect(ofStay, `stay ${stayId} discharged once`).to.have.length(1);
    }
    console.log(
      `      ${deaths.length} deaths × 3 copies × 2 groups + replay: sent ${stats.map((s) => s.sent).join('+')}, duplicates ${stats.map((s) => s.duplicates).join('+')}, retries ${stats.map((s) => s.retries).join('+')}`,
    );
  });
});
