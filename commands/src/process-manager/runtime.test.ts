import { topicFor } from '@chartline/events';
import {
  type ConsumedMessage,
  DLQ_HEADERS,
  InProcessBus,
  MemoryEventStore,
  type RecordedEvent,
} from '@chartline/infra';
import { expect } from 'chai';
import { admissionsModule, admissionsSpecs, dischargeOnDeath } from '../admissions/index.js';

const { defineWard, dischargePatient } = admissionsSpecs;

import { toBusMessage } from '../relay/to-bus-message.js';
import { type CommandDeps, executeCommand } from '../server/execute-command.js';
import { defineProcessManager, type ProcessManager, send } from './define.js';
import { derivedCommandId, processManagerDlqTopic, processManagerGroup } from './names.js';
import { type ProcessManagerRuntime, startProcessManager } from './runtime.js';
import { admitPatients, causedBy, commandDeps, recordDeaths } from './testing/deaths.js';

const H = 'h1';
const patientsTopic = topicFor('patients');

async function eventually(check: () => Promise<boolean> | boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Reacts to every death by defining "the same" ward: the same command every time it is delivered. */
const alwaysDefinesWard = defineProcessManager({
  module: 'admissions',
  name: 'test-always-defines-ward',
  consumes: ['patients.PatientDeathRecorded'],
  load: async () => null,
  react: () => [send(defineWard, 'ward', { name: 'Mortuary', specialty: 'other' })],
});

/** Sends a discharge the rules always refuse (no such stay). */
const alwaysRefused = defineProcessManager({
  module: 'admissions',
  name: 'test-always-refused',
  consumes: ['patients.PatientDeathRecorded'],
  load: async () => null,
  react: (event) => [
    send(dischargePatient, 'discharge', {
      stayId: '01900000-0000-7000-8000-000000000bad',
      patientId: event.data.patientId,
      bedId: '01900000-0000-7000-8000-000000000bad',
      reason: 'death',
      disposition: 'exp',
    }),
  ],
});

describe('process-manager runtime (in-process bus, memory event store)', () => {
  let bus: InProcessBus;
  let store: MemoryEventStore;
  let deps: CommandDeps;
  const running: ProcessManagerRuntime[] = [];

  beforeEach(async () => {
    bus = new InProcessBus();
    store = new MemoryEventStore();
    deps = commandDeps(store);
    await bus.ensureTopics([patientsTopic, topicFor('admissions')], 3);
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((r) => r.stop()));
    await bus.close();
  });

  const publish = (events: readonly RecordedEvent[]) =>
    bus.publish(
      patientsTopic,
      events.map((e) => toBusMessage(e).message),
    );
  const patientsEvents = async () => (await store.readAll()).filter((e) => e.type.startsWith('patients.'));

  async function start(pm: ProcessManager, extra: { maxAttempts?: number } = {}) {
    const parked: string[] = [];
    const runtime = await startProcessManager({
      bus,
      processManager: pm,
      module: admissionsModule,
      commands: deps,
      partitions: 3,
      backoff: { initialMs: 1, maxMs: 5 },
      onParked: (reason) => parked.push(reason),
      ...extra,
    });
    running.push(runtime);
    return { runtime, parked };
  }

  async function parkedMessages(pm: ProcessManager): Promise<ConsumedMessage[]> {
    const messages: ConsumedMessage[] = [];
    const consumer = await bus.consume({
      groupId: `collect-${Math.random()}`,
      topics: [processManagerDlqTopic(pm)],
      handleBatch: async (batch) => {
        messages.push(...batch.messages);
      },
    });
    await eventually(() => messages.length > 0);
    await consumer.stop();
    return messages;
  }

  it('discharges each patient whose death is recorded, once, with the ids derived from the death', async () => {
    const admitted = await admitPatients(deps, H, 3);
    const deaths = await recordDeaths(deps, H, admitted.slice(0, 2));
    const { runtime } = await start(dischargeOnDeath);
    const published = await patientsEvents();
    await publish(published);
    await eventually(() => runtime.stats().handled === 2);
    expect(runtime.stats()).to.deep.include({ handled: 2, sent: 2, duplicates: 0, parked: 0 });
    expect(runtime.stats().ignored, 'registrations and MRNs are skipped').to.equal(published.length - 2);

    for (const [i, death] of deaths.entries()) {
      const { stayId, bedId } = admitted[i]!;
      const commandId = derivedCommandId(dischargeOnDeath, death.eventId, `discharge:${stayId}`);
      const caused = await causedBy(store, commandId);
      expect(caused.map((e) => e.type)).to.have.members([
        'admissions.PatientDischarged',
        'admissions.BedVacated',
        'admissions.StayClosed',
      ]);
      const discharged = caused.find((e) => e.type === 'admissions.PatientDischarged')!;
      expect(discharged.data).to.deep.include({ stayId, bedId, reason: 'death', disposition: 'exp' });
      expect(discharged.metadata).to.deep.include({
        correlationId: death.metadata['correlationId'],
        actor: { id: 'process-manager:admissions.discharge-on-death', role: 'process_manager' },
      });
    }
    const all = await store.readAll();
    expect(all.filter((e) => e.type === 'admissions.PatientDischarged')).to.have.length(2);
  });

  it('given the same batch delivered three times, then each death still discharged exactly once', async () => {
    const admitted = await admitPatients(deps, H, 4);
    const deaths = await recordDeaths(deps, H, admitted);
    const { runtime } = await start(dischargeOnDeath);
    await publish(deaths);
    await publish(deaths);
    await publish(deaths);
    await eventually(() => runtime.stats().handled === 12);
    expect(runtime.stats()).to.deep.include({ handled: 12, sent: 4, parked: 0 });
    expect((await store.readAll()).filter((e) => e.type === 'admissions.PatientDischarged')).to.have.length(4);
  });

  it('a command that would act again on a redelivered event is recognised by its derived id and writes nothing', async () => {
    const admitted = await admitPatients(deps, H, 1);
    const [death] = await recordDeaths(deps, H, admitted);
    const { runtime } = await start(alwaysDefinesWard);
    await publish([death!, death!]);
    await eventually(() => runtime.stats().handled === 2);
    expect(runtime.stats()).to.deep.include({ handled: 2, sent: 1, duplicates: 1, parked: 0 });
    const commandId = derivedCommandId(alwaysDefinesWard, death!.eventId, 'ward');
    expect((await causedBy(store, commandId)).map((e) => e.type)).to.deep.equal(['admissions.WardDefined']);
  });

  it('when a nurse discharged the patient between its read and its command, it reads again and leaves it be', async () => {
    const [patient] = await admitPatients(deps, H, 1);
    const [death] = await recordDeaths(deps, H, [patient!]);
    let raced = false;
    const racing = defineProcessManager({
      module: 'admissions',
      name: 'discharge-on-death',
      consumes: ['patients.PatientDeathRecorded'],
      async load(event, read) {
        const state = await dischargeOnDeath.load(event, read);
        if (!raced) {
          raced = true;
          await executeCommand(
            {
              module: admissionsModule,
              spec: dischargePatient,
              body: { ...patient!, reason: 'home', disposition: 'home' },
              hospitalId: H,
              actor: { id: 'nurse-1', role: 'nurse' },
              correlationId: 'nurse',
              commandId: 'nurse-command',
              traceparent: null,
            },
            deps,
          );
        }
        return state;
      },
      react: (event, state) => dischargeOnDeath.react(event, state),
    });
    const { runtime } = await start(racing);
    await publish([death!]);
    await eventually(() => runtime.stats().handled === 1);
    expect(runtime.stats()).to.deep.include({ handled: 1, sent: 0, parked: 0 });
    const discharges = (await store.readAll()).filter((e) => e.type === 'admissions.PatientDischarged');
    expect(discharges.map((e) => e.data['reason'])).to.deep.equal(['home']);
  });

  it('parks an event whose command the rules keep refusing, naming the rule, and moves on', async () => {
    const admitted = await admitPatients(deps, H, 2);
    const deaths = await recordDeaths(deps, H, admitted);
    const { runtime, parked } = await start(alwaysRefused);
    await publish(deaths);
    await eventually(() => runtime.stats().parked === 2);
    expect(parked).to.deep.equal([
      'CommandRefused: admissions/discharge-patient refused: stay-not-found',
      'CommandRefused: admissions/discharge-patient refused: stay-not-found',
    ]);
    const [first] = await parkedMessages(alwaysRefused);
    expect(first!.headers).to.include({
      [DLQ_HEADERS.originalTopic]: patientsTopic,
      [DLQ_HEADERS.attempts]: '1',
      type: 'patients.PatientDeathRecorded',
    });
    expect(first!.value.equals(toBusMessage(deaths[0]!).message.value)).to.equal(true);
  });

  it('parks a message it cannot decode, and a command its module refuses to validate after retries', async () => {
    const invalidBody = defineProcessManager({
      module: 'admissions',
      name: 'test-invalid-body',
      consumes: ['patients.PatientDeathRecorded'],
      load: async () => null,
      react: () => [send(defineWard, 'ward', { name: '', specialty: 'other' })],
    });
    const admitted = await admitPatients(deps, H, 1);
    const [death] = await recordDeaths(deps, H, admitted);
    const { runtime, parked } = await start(invalidBody, { maxAttempts: 2 });
    await bus.publish(patientsTopic, [
      { key: H, value: Buffer.from('not avro'), headers: { type: 'patients.PatientDeathRecorded' } },
    ]);
    await publish([death!]);
    await eventually(() => runtime.stats().parked === 2);
    expect(parked[0]).to.match(/^NotSingleObjectEncoded/);
    expect(parked[1]).to.equal('InvalidProcessCommand: admissions/define-ward: body invalid at name');
    expect(runtime.stats().retries).to.equal(1);
    const actors = (await store.readAll()).map((e) => (e.metadata['actor'] as { role: string }).role);
    expect(actors, 'the process manager wrote nothing').not.to.include('process_manager');
  });

  it('consumes several modules’ topics and sends several commands per event, each once', async () => {
    // As billing will: events of two modules in, more than one command out of one event.
    const twoWards = defineProcessManager({
      module: 'admissions',
      name: 'test-two-wards',
      consumes: ['patients.PatientDeathRecorded', 'admissions.PatientAdmitted'],
      load: async () => null,
      react: (event) => [
        send(defineWard, `first:${event.eventId}`, { name: 'A', specialty: 'other' }),
        send(defineWard, `second:${event.eventId}`, { name: 'B', specialty: 'other' }),
      ],
    });
    const [patient] = await admitPatients(deps, H, 1);
    const [death] = await recordDeaths(deps, H, [patient!]);
    const admittedEvent = (await store.readAll()).find((e) => e.type === 'admissions.PatientAdmitted')!;
    const { runtime } = await start(twoWards);
    expect(runtime.topics).to.deep.equal(['chartline.patients.events.v1', 'chartline.admissions.events.v1']);
    await publish([death!, death!]);
    await bus.publish(topicFor('admissions'), [toBusMessage(admittedEvent).message]);
    await eventually(() => runtime.stats().handled === 3);
    expect(runtime.stats()).to.deep.include({ handled: 3, sent: 4, duplicates: 2, parked: 0 });
    for (const trigger of [death!, admittedEvent]) {
      for (const key of ['first', 'second']) {
        const commandId = derivedCommandId(twoWards, trigger.eventId, `${key}:${trigger.eventId}`);
        expect(
          (await causedBy(store, commandId)).map((e) => e.type),
          `${key} of ${trigger.type}`,
        ).to.deep.equal(['admissions.WardDefined']);
      }
    }
  });

  it('consumes the topics of the modules it listens to, in a group of its own', async () => {
    const { runtime } = await start(dischargeOnDeath);
    expect(runtime.topics).to.deep.equal(['chartline.patients.events.v1']);
    expect(processManagerGroup(dischargeOnDeath)).to.equal('chartline.process-manager.admissions.discharge-on-death');
    expect(processManagerDlqTopic(dischargeOnDeath)).to.equal('chartline.admissions.discharge-on-death.dlq');
  });
});
