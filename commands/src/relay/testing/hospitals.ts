/**
 * Test support: hospitals registered (and so placed), their settings changed, wards defined and
 * moves started, through the real command pipeline — the events the relay routes by placement.
 * Shared by the relay's unit tests (memory store) and the integration tests (PostgreSQL, Kafka).
 */
import { createMemoryKeyStore, type EventStore } from '@chartline/infra';
import { v7 as uuidv7 } from 'uuid';
import { admissionsModule, admissionsSpecs } from '../../admissions/index.js';
import { changeHospitalSettings, hospitalsModule, registerHospital, startHospitalMove } from '../../hospitals/index.js';
import { patientsModule } from '../../patients/index.js';
import { blindIndexer } from '../../server/blind-index.js';
import type { AnyCommandSpec, CommandModule } from '../../server/command-module.js';
import { eventRegistry } from '../../server/event-registry.js';
import { type CommandDeps, type CommandOutcome, executeCommand } from '../../server/execute-command.js';

export function placementCommandDeps(eventStore: EventStore, kafkaPartitions: number): CommandDeps {
  return {
    eventStore,
    keyStore: createMemoryKeyStore(),
    events: eventRegistry([hospitalsModule, patientsModule, admissionsModule]),
    clock: () => new Date(),
    newId: uuidv7,
    blindIndex: blindIndexer('test-secret'),
    kafkaPartitions,
  };
}

function run(
  deps: CommandDeps,
  hospitalId: string,
  module: CommandModule,
  spec: AnyCommandSpec,
  body: unknown,
  role: 'platform_admin' | 'admin' = 'platform_admin',
): Promise<CommandOutcome> {
  return executeCommand(
    {
      module,
      spec,
      body: spec.body.parse(body),
      hospitalId,
      actor: { id: 'test', role },
      correlationId: uuidv7(),
      commandId: uuidv7(),
      traceparent: null,
    },
    deps,
  );
}

export const registerTestHospital = (deps: CommandDeps, hospitalId: string) =>
  run(deps, hospitalId, hospitalsModule, registerHospital, {
    name: `Hospital ${hospitalId}`,
    timeZone: 'Europe/Paris',
    currency: 'EUR',
  });

/** A settings change a given number of minutes of rest: each is one more event of the hospital, in order. */
export const changeTestSettings = (deps: CommandDeps, hospitalId: string, n: number) =>
  run(deps, hospitalId, hospitalsModule, changeHospitalSettings, {
    effectiveFrom: new Date().toISOString(),
    minimumRestHours: n % 25,
    maximumHoursPerSevenDays: 48,
    dischargeWithUnbilledCharges: 'refuse',
    labTurnaroundMinutes: { stat: 60, urgent: 240, routine: 1440 },
  });

export const defineTestWard = (deps: CommandDeps, hospitalId: string, name: string) =>
  run(deps, hospitalId, admissionsModule, admissionsSpecs.defineWard, { name, specialty: 'medical' }, 'admin');

export const addTestBed = (deps: CommandDeps, hospitalId: string, wardId: string, label: string) =>
  run(deps, hospitalId, admissionsModule, admissionsSpecs.addBed, { wardId, label }, 'admin');

export const startTestMove = (deps: CommandDeps, hospitalId: string, toPartition: number) =>
  run(deps, hospitalId, hospitalsModule, startHospitalMove, { toPartition, reason: 'balance the projector pods' });
