import { createMemoryKeyStore, MemoryEventStore } from '@chartline/infra';
import { expect } from 'chai';
import { v7 as uuidv7 } from 'uuid';
import { registerHospital } from '../hospitals/index.js';
import { defineItem, defineLocation, inventoryModule, receiveStock, setStockLevels } from '../inventory/index.js';
import { blindIndexer } from '../server/blind-index.js';
import type { CommandModule } from '../server/command-module.js';
import { eventRegistry } from '../server/event-registry.js';
import { type CommandDeps, executeCommand } from '../server/execute-command.js';
import type { CommandSpec } from '../shared/command-spec.js';
import { sweepExpiryEverywhere } from './expiry-sweep.js';
import { commandModules } from './modules.js';

describe('the daily expiry sweep job', () => {
  // Stock is received in the morning (UTC); the sweep runs at 23:30 UTC: already 2 March in
  // Auckland, still 1 March in London.
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

  /** A hospital with one lot expiring on `expiryDate` at its pharmacy. */
  const hospitalWithLot = async (hospitalId: string, timeZone: string, expiryDate: string) => {
    await run(
      hospitalsModule,
      registerHospital as CommandSpec,
      hospitalId,
      { name: hospitalId, timeZone, currency: 'EUR' },
      'platform_admin',
    );
    const item = await run(
      inventoryModule,
      defineItem as CommandSpec,
      hospitalId,
      { code: 'X1', name: 'X', unitOfMeasure: 'vial', category: 'medicine' },
      'storekeeper',
    );
    const location = await run(
      inventoryModule,
      defineLocation as CommandSpec,
      hospitalId,
      { code: 'PH', name: 'Pharmacy', kind: 'pharmacy' },
      'storekeeper',
    );
    await run(
      inventoryModule,
      receiveStock as CommandSpec,
      hospitalId,
      {
        itemId: item.id,
        locationId: location.id,
        lotNumber: 'L1',
        expiryDate,
        quantity: 5,
        unitCostMinor: 100,
        supplier: 'Acme',
      },
      'storekeeper',
    );
  };

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

  it('sweeps every hospital’s stock points on its own local today; a second run the same day raises nothing', async () => {
    await hospitalWithLot('auckland', 'Pacific/Auckland', '2025-03-02');
    await hospitalWithLot('london', 'Europe/London', '2025-03-02');
    now = new Date('2025-03-01T23:30:00Z');
    const first = await sweepExpiryEverywhere(deps);
    expect(first.map((s) => [s.hospitalId, s.raised, s.error])).to.deep.equal([
      ['auckland', 1, undefined],
      ['london', 1, undefined],
    ]);
    const types = async (hospitalId: string) =>
      (await deps.eventStore.readAll())
        .filter((e) => e.metadata['hospitalId'] === hospitalId && /Lot(Expired|NearingExpiry)/.test(e.type))
        .map((e) => [e.type, e.data['sweepDate']]);
    expect(await types('auckland')).to.deep.equal([['inventory.LotExpired', '2025-03-02']]);
    expect(await types('london')).to.deep.equal([['inventory.LotNearingExpiry', '2025-03-01']]);
    const again = await sweepExpiryEverywhere(deps);
    expect(again.map((s) => s.raised)).to.deep.equal([0, 0]);
  });

  it('sweeps a given date, and reports a stock point it could not sweep without stopping the others', async () => {
    await hospitalWithLot('london', 'Europe/London', '2025-06-01');
    // A stock point of a hospital that was never registered (levels need no settings): it has no
    // time zone, so its sweep is refused; London is still swept.
    const item = await run(
      inventoryModule,
      defineItem as CommandSpec,
      'ghost',
      { code: 'X1', name: 'X', unitOfMeasure: 'vial', category: 'medicine' },
      'storekeeper',
    );
    const location = await run(
      inventoryModule,
      defineLocation as CommandSpec,
      'ghost',
      { code: 'PH', name: 'P', kind: 'pharmacy' },
      'storekeeper',
    );
    await run(
      inventoryModule,
      setStockLevels as CommandSpec,
      'ghost',
      { itemId: item.id, locationId: location.id, reorderLevel: 1 },
      'storekeeper',
    );
    const swept = await sweepExpiryEverywhere(deps, { date: '2025-04-01' });
    expect(swept.map((s) => [s.hospitalId, s.raised, s.error])).to.deep.equal([
      ['london', 1, undefined],
      ['ghost', 0, 'hospital-not-registered'],
    ]);
  });
});
