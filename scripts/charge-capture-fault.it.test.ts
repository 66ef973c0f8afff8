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
import { admissionsModule, admissionsSpecs } from '../commands/src/admissions/index.js';
import { bedNights, billingModule, billingSpecs } from '../commands/src/billing/index.js';
import { admitPatients, commandDeps } from '../commands/src/process-manager/testing/deaths.js';
import { toBusMessage } from '../commands/src/relay/to-bus-message.js';
import type { AnyCommandSpec, CommandModule } from '../commands/src/server/command-module.js';
import { type CommandDeps, executeCommand } from '../commands/src/server/execute-command.js';
import { type Child, spawnChild } from './fault/spawn-child.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const HOSPITALS = 2;
const PER_HOSPITAL = Number(process.env['CHARGE_FAULT_STAYS'] ?? 40);
const BED_DAY = 35_000;

/**
 * The billing issue's fault test: the charge-capture process manager runs as a child process on
 * a stream of admissions and discharges (each admission opens the stay's account, each discharge
 * charges the stay's bed-days); it is killed with SIGKILL while capturing, more clinical events
 * arrive while it is down, and it is started again under the same consumer group. In the end every
 * account holds exactly the charges a clean run computes from the same events — the bed-days of
 * the stay's nights in the hospital's time zone (one day for a stay that saw no midnight), each
 * once, at the price list's amount: none lost, none doubled. Own PostgreSQL schema, topics and group.
 */
describe('charge capture fault: kill -9 it mid-stream, restart, every stay charged exactly once', function () {
  this.timeout(300_000);
  const run = uuidv7().slice(-12);
  const schema = `chargefault_${run}`;
  const topic = `test.chargefault.${run}.chartline.admissions.events.v1`;
  const otherTopics = ['laboratory', 'inventory'].map((m) => `${topic}.${m}`);
  const dlqTopic = `test.chargefault.${run}.dlq`;
  const masterKey = randomBytes(32).toString('base64');
  let urls: { pg: string; kafka: string };
  let store: PostgresEventStore;
  let keys: KeyStore;
  let bus: KafkaBus;
  let sources: RecordedEvent[] = [];
  const stays = new Map<string, { admittedAt: string; dischargedAt: string }>();
  const children: Child[] = [];

  const exec = (
    deps: CommandDeps,
    module: CommandModule,
    spec: unknown,
    hospitalId: string,
    body: unknown,
    role: string,
  ) => {
    const s = spec as AnyCommandSpec;
    const commandId = uuidv7();
    return executeCommand(
      {
        module,
        spec: s,
        body: s.body.parse(body),
        hospitalId,
        actor: { id: `u-${role}`, role },
        correlationId: commandId,
        commandId,
        traceparent: null,
      },
      deps,
    );
  };

  before(async function () {
    urls = {
      pg: requireService(this, 'POSTGRES_URL', 'the event store and key store'),
      kafka: requireService(this, 'KAFKA_BROKERS', 'the clinical topics'),
    };
    store = await PostgresEventStore.open({ url: urls.pg, schema, poolSize: 4 });
    keys = await openPostgresKeyStore(urls.pg, MasterKey.parse(masterKey));
    bus = new KafkaBus({ brokers: urls.kafka, clientId: `charge-fault-${run}` });
    const deps = commandDeps(store, keys);
    for (let h = 0; h < HOSPITALS; h++) {
      const hospitalId = `cf${run}${h}`;
      // Registers the hospital (Europe/Paris, EUR) and admits each patient to a bed of a medical ward.
      const admitted = await admitPatients(deps, hospitalId, PER_HOSPITAL);
      await exec(
        deps,
        billingModule,
        billingSpecs.setServicePrice,
        hospitalId,
        {
          serviceCode: 'bed-day:medical',
          kind: 'bed_day',
          description: 'Bed-day, medical ward',
          unitPrice: BED_DAY,
          effectiveFrom: '2000-01-01',
        },
        'billing_supervisor',
      );
      // Every patient goes home (the process manager has not run: no charge yet, the guard lets them go).
      for (const p of admitted) {
        await exec(
          deps,
          admissionsModule,
          admissionsSpecs.dischargePatient,
          hospitalId,
          { ...p, reason: 'home', disposition: 'home' },
          'nurse',
        );
      }
    }
    const all = await store.readAll();
    sources = all
      .filter((e) => e.type === 'admissions.PatientAdmitted' || e.type === 'admissions.PatientDischarged')
      .sort((a, b) => a.position - b.position);
    for (const e of sources) {
      const stayId = String(e.data['stayId']);
      const stay = stays.get(stayId) ?? { admittedAt: '', dischargedAt: '' };
      if (e.type === 'admissions.PatientAdmitted')
        stays.set(stayId, { ...stay, admittedAt: String(e.data['admittedAt']) });
      else stays.set(stayId, { ...stay, dischargedAt: String(e.data['dischargedAt']) });
    }
    await bus.ensureTopics([topic, ...otherTopics, dlqTopic], 3);
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
    await admin.deleteTopics({ topics: [topic, ...otherTopics, dlqTopic], timeout: 10_000 }).catch(() => {});
    await admin.disconnect();
  });

  const startChild = async () => {
    const child = spawnChild('child-process-manager.ts', {
      PROCESS_MANAGER: 'billing.charge-capture',
      EVENT_STORE_URL: urls.pg,
      EVENT_STORE_SCHEMA: schema,
      KEY_STORE_URL: urls.pg,
      MASTER_KEY: masterKey,
      KAFKA_BROKERS: urls.kafka,
      TOPIC: topic,
      DLQ_TOPIC: dlqTopic,
      GROUP: `test.chargefault.${run}.process-manager`,
      SESSION_TIMEOUT_MS: '6000',
    });
    children.push(child);
    await child.waitForLine((l) => l['ready'] === 'process-manager', 60_000);
    return child;
  };

  const count = async (type: string) =>
    (await store.readAll({ filter: { eventTypePrefixes: [type] } })).filter((e) => e.type === type).length;

  it('ends with every account holding exactly the charges a clean run computes, though killed while charging', async () => {
    const publish = (events: readonly RecordedEvent[]) =>
      bus.publish(
        topic,
        events.map((e) => toBusMessage(e).message),
      );
    const firstWave = sources.slice(0, Math.floor(sources.length * 0.8));
    const secondWave = sources.slice(firstWave.length);
    const first = await startChild();
    await publish(firstWave);

    const killAt = Math.max(3, Math.floor(stays.size / 5));
    const deadline = Date.now() + 120_000;
    while ((await count('billing.ChargeCaptured')) < killAt && Date.now() < deadline) await sleep(20);
    const killed = await first.kill('SIGKILL');
    const chargedAtKill = await count('billing.ChargeCaptured');
    expect(killed.signal).to.equal('SIGKILL');
    expect(chargedAtKill, 'killed after some charges').to.be.at.least(killAt);
    expect(chargedAtKill, 'killed before every stay was charged').to.be.below(stays.size);

    await publish(secondWave);
    await sleep(300);
    const second = await startChild();
    const caughtUp = Date.now() + 180_000;
    while ((await count('billing.StayDischargeRecorded')) < stays.size && Date.now() < caughtUp) await sleep(200);
    // Let a redelivered tail play out: nothing may be appended by it.
    await sleep(2_000);

    const all = await store.readAll();
    for (const [stayId, { admittedAt, dischargedAt }] of stays) {
      const account = all.filter((e) => e.streamId.startsWith('account-') && e.streamId.endsWith(`.${stayId}`));
      const types = account.map((e) => e.type);
      expect(
        types.filter((t) => t === 'billing.AccountOpened'),
        `stay ${stayId} opened once`,
      ).to.have.length(1);
      expect(
        types.filter((t) => t === 'billing.StayDischargeRecorded'),
        `stay ${stayId}`,
      ).to.have.length(1);
      // The clean run: the stay's nights in the hospital's time zone (Europe/Paris), each once.
      const nights = bedNights(
        [{ wardId: 'w', specialty: 'medical', from: admittedAt }],
        dischargedAt,
        'Europe/Paris',
        true,
      );
      const charges = account.filter((e) => e.type === 'billing.ChargeCaptured');
      expect(
        charges.map((c) => String(c.data['serviceDate'])).sort(),
        `stay ${stayId}: one charge per night`,
      ).to.deep.equal(nights.map((n) => n.night).sort());
      expect(new Set(charges.map((c) => c.data['chargeId'])).size).to.equal(charges.length);
      for (const c of charges) expect(Number(c.data['totalAmount'])).to.equal(BED_DAY);
    }
    expect(await count('billing.ChargeCaptured')).to.be.at.least(stays.size);
    const lines = [...first.lines, ...second.lines];
    expect(
      lines.filter((l) => 'parked' in l),
      'nothing parked',
    ).to.deep.equal([]);
    const secondRun = second.lines.filter((l) => 'event' in l);
    const exit = await second.kill('SIGTERM');
    expect(exit.code, second.stderr()).to.equal(0);
    console.log(
      `      ${stays.size} stays, ${sources.length} clinical events; killed at ${chargedAtKill} charges; after restart ${secondRun.length} events acted on`,
    );
  });
});
