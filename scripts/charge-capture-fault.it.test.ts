import type { RecordedEvent } from '@chartline/infra';
import { expect } from 'chai';
import { v7 as uuidv7 } from 'uuid';
import { admissionsModule, admissionsSpecs } from '../commands/src/admissions/index.js';
import { bedNights, billingModule, billingSpecs } from '../commands/src/billing/index.js';
import { admitPatients, commandDeps } from '../commands/src/process-manager/testing/deaths.js';
import type { AnyCommandSpec, CommandModule } from '../commands/src/server/command-module.js';
import { type CommandDeps, executeCommand } from '../commands/src/server/execute-command.js';
import { openProcessManagerFaultRun, type ProcessManagerFaultRun } from './fault/process-manager-run.js';

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
  let pm: ProcessManagerFaultRun;
  let sources: RecordedEvent[] = [];
  const stays = new Map<string, { admittedAt: string; dischargedAt: string }>();

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
    // The run's topics: one per module charge capture consumes, as its `consumes` list says.
    pm = await openProcessManagerFaultRun(this, 'chargefault', 'billing.charge-capture');
    const deps = commandDeps(pm.store, pm.keys);
    for (let h = 0; h < HOSPITALS; h++) {
      const hospitalId = `cf${pm.run}${h}`;
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
    const all = await pm.store.readAll();
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
  });

  after(async () => {
    await pm?.close();
  });

  const count = async (type: string) =>
    (await pm.store.readAll({ filter: { eventTypePrefixes: [type] } })).filter((e) => e.type === type).length;

  it('ends with every account holding exactly the charges a clean run computes, though killed while charging', async () => {
    const firstWave = sources.slice(0, Math.floor(sources.length * 0.8));
    const secondWave = sources.slice(firstWave.length);
    const killAt = Math.max(3, Math.floor(stays.size / 5));
    const {
      first,
      second,
      atKill: chargedAtKill,
    } = await pm.killMidStream({
      firstWave,
      secondWave,
      progress: () => count('billing.ChargeCaptured'),
      killAt,
      caughtUp: async () => (await count('billing.StayDischargeRecorded')) >= stays.size,
    });
    expect(chargedAtKill, 'killed after some charges').to.be.at.least(killAt);
    expect(chargedAtKill, 'killed before every stay was charged').to.be.below(stays.size);
    const all = await pm.store.readAll();
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
    const secondRun = await pm.expectCleanEnd(first, second);
    console.log(
      `      ${stays.size} stays, ${sources.length} clinical events; killed at ${chargedAtKill} charges; after restart ${secondRun.length} events acted on`,
    );
  });
});
