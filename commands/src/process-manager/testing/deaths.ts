/**
 * Test support: patients admitted to beds through the real command pipeline, then their deaths
 * recorded — the events the discharge-on-death process manager reacts to. Shared by the runtime's
 * unit tests (memory store, in-process bus) and the integration tests (PostgreSQL, Kafka).
 */
import { createMemoryKeyStore, type EventStore, type KeyStore, type RecordedEvent } from '@chartline/infra';
import { v7 as uuidv7 } from 'uuid';
import { admissionsSpecs as admissions, admissionsModule } from '../../admissions/index.js';
import { billingModule } from '../../billing/index.js';
import { hospitalsModule, registerHospital } from '../../hospitals/index.js';
import { patientsSpecs as patients, patientsModule } from '../../patients/index.js';
import { blindIndexer } from '../../server/blind-index.js';
import type { AnyCommandSpec, CommandModule } from '../../server/command-module.js';
import { eventRegistry } from '../../server/event-registry.js';
import { type CommandDeps, executeCommand } from '../../server/execute-command.js';
import { loadHospital } from '../../server/hospital-directory.js';

export function commandDeps(eventStore: EventStore, keyStore: KeyStore = createMemoryKeyStore()): CommandDeps {
  return {
    eventStore,
    keyStore,
    events: eventRegistry([hospitalsModule, patientsModule, admissionsModule, billingModule]),
    clock: () => new Date(),
    newId: uuidv7,
    blindIndex: blindIndexer('test-secret'),
  };
}

async function run(deps: CommandDeps, hospitalId: string, module: CommandModule, spec: AnyCommandSpec, body: unknown) {
  return executeCommand(
    {
      module,
      spec,
      body: spec.body.parse(body),
      hospitalId,
      actor: { id: 'test', role: spec === registerHospital ? 'platform_admin' : 'admin' },
      correlationId: uuidv7(),
      commandId: uuidv7(),
      traceparent: null,
    },
    deps,
  );
}

export interface AdmittedPatient {
  readonly patientId: string;
  readonly stayId: string;
  readonly bedId: string;
}

/** A ward with `count` beds at the hospital, and a patient admitted to each. */
export async function admitPatients(deps: CommandDeps, hospitalId: string, count: number): Promise<AdmittedPatient[]> {
  // A discharge is decided on the hospital's settings (the discharge guard): the hospital is registered first.
  if ((await loadHospital(deps.eventStore, hospitalId)).status === 'unregistered') {
    await run(deps, hospitalId, hospitalsModule, registerHospital, {
      name: 'Test General',
      timeZone: 'Europe/Paris',
      currency: 'EUR',
    });
  }
  const ward = await run(deps, hospitalId, admissionsModule, admissions.defineWard, {
    name: 'Ward 1',
    specialty: 'medical',
  });
  const admitted: AdmittedPatient[] = [];
  for (let i = 0; i < count; i++) {
    const bed = await run(deps, hospitalId, admissionsModule, admissions.addBed, { wardId: ward.id, label: `B${i}` });
    const patient = await run(deps, hospitalId, patientsModule, patients.registerPatient, {
      givenName: 'Test',
      familyName: `Patient ${i}`,
      birthDate: '1950-01-01',
      sex: 'female',
    });
    const stay = await run(deps, hospitalId, admissionsModule, admissions.requestAdmission, {
      patientId: patient.id,
      wardId: ward.id,
    });
    await run(deps, hospitalId, admissionsModule, admissions.admitPatient, {
      stayId: stay.id,
      patientId: patient.id,
      bedId: bed.id,
    });
    admitted.push({ patientId: patient.id, stayId: stay.id, bedId: bed.id });
  }
  return admitted;
}

/** Records each patient's death; returns the PatientDeathRecorded events as stored. */
export async function recordDeaths(
  deps: CommandDeps,
  hospitalId: string,
  dead: readonly AdmittedPatient[],
): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (const { patientId } of dead) {
    const outcome = await run(deps, hospitalId, patientsModule, patients.recordDeath, {
      patientId,
      diedAt: new Date(Date.now() - 60_000).toISOString(),
    });
    const [event] = await deps.eventStore.readStream(outcome.streamId, { direction: 'backwards', maxCount: 1 });
    events.push(event!);
  }
  return events;
}

/** The events a command caused, across the store (by causationId). */
export async function causedBy(store: EventStore, commandId: string): Promise<RecordedEvent[]> {
  return (await store.readAll()).filter((e) => e.metadata['causationId'] === commandId);
}
