import type { RecordedEvent } from '@chartline/infra';
import { expect } from 'chai';
import { dischargeOnDeath } from '../commands/src/admissions/index.js';
import { derivedCommandId } from '../commands/src/process-manager/names.js';
import {
  type AdmittedPatient,
  admitPatients,
  commandDeps,
  recordDeaths,
} from '../commands/src/process-manager/testing/deaths.js';
import { openProcessManagerFaultRun, type ProcessManagerFaultRun } from './fault/process-manager-run.js';

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
  let pm: ProcessManagerFaultRun;
  const admitted = new Map<string, AdmittedPatient>();
  let deaths: RecordedEvent[] = [];

  before(async function () {
    pm = await openProcessManagerFaultRun(this, 'pmfault', 'admissions.discharge-on-death');
    const deps = commandDeps(pm.store, pm.keys);
    for (let h = 0; h < HOSPITALS; h++) {
      const hospitalId = `pf${pm.run}${h}`;
      const patients = await admitPatients(deps, hospitalId, PER_HOSPITAL);
      for (const p of patients) admitted.set(p.patientId, p);
      deaths.push(...(await recordDeaths(deps, hospitalId, patients)));
    }
    // In the order they were recorded, as the relay would publish them.
    deaths = deaths.sort((a, b) => a.position - b.position);
  });

  after(async () => {
    await pm?.close();
  });

  const discharged = async () =>
    (await pm.store.readAll({ filter: { eventTypePrefixes: ['admissions.PatientDischarged'] } })).length;

  it('ends with every stay discharged exactly once, though killed while discharging', async () => {
    // Most deaths now, the rest while the process manager is down.
    const firstWave = deaths.slice(0, Math.floor(deaths.length * 0.8));
    const secondWave = deaths.slice(firstWave.length);
    const killAt = Math.max(5, Math.floor(deaths.length / 5));
    const {
      first,
      second,
      atKill: dischargedAtKill,
    } = await pm.killMidStream({
      firstWave,
      secondWave,
      progress: discharged,
      killAt,
      caughtUp: async () => (await discharged()) >= deaths.length,
    });
    expect(dischargedAtKill, 'killed after some discharges').to.be.at.least(killAt);
    expect(dischargedAtKill, 'killed before it had acted on every death published').to.be.below(firstWave.length);

    const all = await pm.store.readAll();
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
    const secondRun = await pm.expectCleanEnd(first, second);
    console.log(
      `      ${deaths.length} deaths; killed at ${dischargedAtKill} discharged; after restart ${secondRun.length} events acted on (${secondRun.filter((l) => (l['commands'] as string[]).length === 0).length} already done)`,
    );
  });
});
