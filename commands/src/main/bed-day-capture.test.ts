import { createMemoryKeyStore, MemoryEventStore } from '@chartline/infra';
import { expect } from 'chai';
import { v7 as uuidv7 } from 'uuid';
import { billingModule, billingSpecs } from '../billing/index.js';
import { registerHospital } from '../hospitals/index.js';
import { blindIndexer } from '../server/blind-index.js';
import type { CommandModule } from '../server/command-module.js';
import { eventRegistry } from '../server/event-registry.js';
import { type CommandDeps, executeCommand } from '../server/execute-command.js';
import type { CommandSpec } from '../shared/command-spec.js';
import { captureBedDaysEverywhere } from './bed-day-capture.js';
import { commandModules } from './modules.js';

describe('the nightly bed-day capture job', () => {
  let now: Date;
  let deps: CommandDeps;
  const hospitalsModule = commandModules.find((m) => m.name === 'hospitals') as CommandModule;

  const run = async (module: CommandModule, spec: CommandSpec, hospitalId: string, body: unknown, role: string) => {
    const commandId = uuidv7();
    return executeCommand(
      {
        module,
        spec,
        body: spec.body.parse(body),
        hospitalId,
        actor: { id: `u-${role}`, role },
        correlationId: commandId,
        commandId,
        traceparent: null,
      },
      deps,
    );
  };
  const bill = (spec: unknown, hospitalId: string, body: unknown, role = 'admin') =>
    run(billingModule, spec as CommandSpec, hospitalId, body, role);

  /** A registered hospital with a bed-day price for medical wards (`specialties` priced). */
  const hospital = async (hospitalId: string, timeZone: string, specialties = ['medical']) => {
    await run(
      hospitalsModule,
      registerHospital as CommandSpec,
      hospitalId,
      { name: hospitalId, timeZone, currency: 'EUR' },
      'platform_admin',
    );
    for (const specialty of specialties) {
      await bill(
        billingSpecs.setServicePrice,
        hospitalId,
        {
          serviceCode: `bed-day:${specialty}`,
          kind: 'bed_day',
          description: 'Bed-day',
          unitPrice: 35_000,
          effectiveFrom: '2000-01-01',
        },
        'billing_supervisor',
      );
    }
  };
  /** A stay's account as charge capture opens it at admission. */
  const admitted = async (hospitalId: string, admittedAt: string, specialty = 'medical') => {
    const stayId = uuidv7();
    await bill(billingSpecs.openStayAccount, hospitalId, {
      stayId,
      patientId: uuidv7(),
      wardId: uuidv7(),
      specialty,
      admittedAt,
    });
    return stayId;
  };
  const charges = async (accountId: string) =>
    (await deps.eventStore.readAll()).filter(
      (e) => e.type === 'billing.ChargeCaptured' && e.data['accountId'] === accountId,
    ).length;

  beforeEach(() => {
    now = new Date('2025-03-01T08:00:00Z');
    deps = {
      eventStore: new MemoryEventStore(),
      keyStore: createMemoryKeyStore(),
      events: eventRegistry(commandModules),
      clock: () => now,
      newId: uuidv7,
      blindIndex: blindIndexer(Buffer.alloc(32, 1)),
    };
  });

  it('charges each night completed in the hospital’s time zone, once however often it runs; a discharged stay is left alone', async () => {
    await hospital('paris', 'Europe/Paris');
    const staying = await admitted('paris', '2025-03-01T09:00:00Z');
    const leaving = await admitted('paris', '2025-03-01T09:00:00Z');
    now = new Date('2025-03-01T20:00:00Z');
    await bill(billingSpecs.recordStayDischarge, 'paris', { stayId: leaving, dischargedAt: now.toISOString() });
    // 2 March 00:30 in Paris (23:30Z): one midnight passed since admission.
    now = new Date('2025-03-01T23:30:00Z');
    const first = await captureBedDaysEverywhere(deps);
    expect(first.map((r) => [r.accountId, r.charged, r.error])).to.deep.equal([[staying, 1, undefined]]);
    expect(await charges(staying)).to.equal(1);
    const again = await captureBedDaysEverywhere(deps);
    expect(again.map((r) => r.charged)).to.deep.equal([0]);
    now = new Date('2025-03-03T23:30:00Z');
    expect((await captureBedDaysEverywhere(deps)).map((r) => r.charged)).to.deep.equal([2]);
    expect(await charges(staying)).to.equal(3);
  });

  it('reports an account it could not charge (no price for the ward) without stopping the others', async () => {
    await hospital('london', 'Europe/London');
    const priced = await admitted('london', '2025-03-01T09:00:00Z');
    const unpriced = await admitted('london', '2025-03-01T09:00:00Z', 'psychiatric');
    now = new Date('2025-03-02T06:00:00Z');
    const results = await captureBedDaysEverywhere(deps, { hospitalIds: ['london'] });
    expect(results.map((r) => [r.accountId, r.charged, r.error])).to.deep.equal([
      [priced, 1, undefined],
      [unpriced, 0, 'no-price-in-force'],
    ]);
    expect(await captureBedDaysEverywhere(deps, { hospitalIds: ['elsewhere'] })).to.deep.equal([]);
  });
});
