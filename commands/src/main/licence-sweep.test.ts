import { createMemoryKeyStore, MemoryEventStore } from '@chartline/infra';
import { expect } from 'chai';
import { v7 as uuidv7 } from 'uuid';
import { registerHospital } from '../hospitals/index.js';
import { hrModule, onboardStaff, recordLicence } from '../hr/index.js';
import { blindIndexer } from '../server/blind-index.js';
import type { CommandModule } from '../server/command-module.js';
import { eventRegistry } from '../server/event-registry.js';
import { type CommandDeps, executeCommand } from '../server/execute-command.js';
import type { CommandSpec } from '../shared/command-spec.js';
import { sweepLicencesEverywhere } from './licence-sweep.js';
import { commandModules } from './modules.js';

describe('the daily licence sweep job', () => {
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
  /** A hospital with one nurse whose licence's last day is `validTo`. */
  const hospitalWithLicence = async (hospitalId: string, validTo: string, timeZone = 'Europe/London') => {
    await run(
      hospitalsModule,
      registerHospital as CommandSpec,
      hospitalId,
      { name: hospitalId, timeZone, currency: 'GBP' },
      'platform_admin',
    );
    const nurse = await run(
      hrModule,
      onboardStaff as CommandSpec,
      hospitalId,
      {
        givenName: 'A',
        familyName: 'B',
        department: 'M',
        jobTitle: 'N',
        practitionerRoles: ['nurse'],
        startDate: '2024-01-01',
      },
      'hr_admin',
    );
    await run(
      hrModule,
      recordLicence as CommandSpec,
      hospitalId,
      { staffId: nurse.id, qualification: 'RN', number: 'RN-1', issuer: 'Council', validFrom: '2024-01-01', validTo },
      'hr_admin',
    );
  };

  beforeEach(() => {
    deps = {
      eventStore: new MemoryEventStore(),
      keyStore: createMemoryKeyStore(),
      events: eventRegistry(commandModules),
      clock: () => new Date('2025-03-01T02:00:00Z'),
      newId: uuidv7,
      blindIndex: blindIndexer(Buffer.alloc(32, 1)),
    };
  });

  it('raises expiring and expired licences in every hospital once; a second run the same day raises nothing', async () => {
    await hospitalWithLicence('north', '2025-03-20');
    await hospitalWithLicence('south', '2025-02-20');
    await hospitalWithLicence('west', '2026-12-31');
    const first = await sweepLicencesEverywhere(deps);
    expect(first).to.deep.equal([
      { hospitalId: 'north', raised: 1 },
      { hospitalId: 'south', raised: 1 },
      { hospitalId: 'west', raised: 0 },
    ]);
    const types = (await deps.eventStore.readAll()).map((e) => e.type);
    expect(types).to.include.members(['hr.LicenceExpiringSoon', 'hr.LicenceExpired']);
    const again = await sweepLicencesEverywhere(deps);
    expect(again.map((s) => s.raised)).to.deep.equal([0, 0, 0]);
    // A later day's run raises the expiry of the licence warned about before.
    const later = await sweepLicencesEverywhere(deps, { date: '2025-03-21' });
    expect(later.map((s) => s.raised)).to.deep.equal([1, 0, 0]);
  });

  it('sweeps each hospital for its own local date: near midnight UTC, Auckland is already on the next day', async () => {
    // Given two hospitals whose nurse's licence is valid to 20 March, one in London, one in Auckland,
    await hospitalWithLicence('london', '2025-03-20');
    await hospitalWithLicence('auckland', '2025-03-20', 'Pacific/Auckland');
    // when the job runs at 23:30 UTC on 20 March (still the 20th in London, 12:30 on the 21st in Auckland),
    deps = { ...deps, clock: () => new Date('2025-03-20T23:30:00Z') };
    const swept = await sweepLicencesEverywhere(deps);
    // then London is warned (its last valid day is today) and Auckland's has expired.
    expect(swept).to.deep.equal([
      { hospitalId: 'auckland', raised: 1 },
      { hospitalId: 'london', raised: 1 },
    ]);
    const raised = (await deps.eventStore.readAll())
      .filter((e) => e.type === 'hr.LicenceExpired' || e.type === 'hr.LicenceExpiringSoon')
      .map((e) => [e.metadata['hospitalId'], e.type, e.data['asOf']]);
    expect(raised).to.deep.equal([
      ['auckland', 'hr.LicenceExpired', '2025-03-21'],
      ['london', 'hr.LicenceExpiringSoon', '2025-03-20'],
    ]);
    // An explicit --date is every hospital's day as given.
    const given = await sweepLicencesEverywhere(deps, { date: '2025-03-22' });
    expect(given).to.deep.equal([
      { hospitalId: 'auckland', raised: 0 },
      { hospitalId: 'london', raised: 1 },
    ]);
  });
});
