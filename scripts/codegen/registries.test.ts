import type { ModuleDeclaration } from '@chartline/events';
import { moduleManifest } from '@chartline/events';
import { expect } from 'chai';
import { generatedRegistries, registryFiles } from './registries.js';
import { staleRegistries } from './write.js';

const grown: Readonly<Record<string, ModuleDeclaration>> = {
  ...moduleManifest,
  lab: { commands: true, projection: true, reads: true, processManagers: [], aggregates: ['labOrder'] },
  archive: { commands: false, projection: false, reads: true, processManagers: [], aggregates: [] },
};

describe('generated module registries (npm run generate)', () => {
  it('are up to date with the module manifest (else run `npm run generate`)', () => {
    expect(staleRegistries(), 'stale: run `npm run generate`').to.deep.equal([]);
  });

  it('give a new module an entry in each registry of a side it declares, from its conventional export', () => {
    const files = generatedRegistries(grown);
    expect(files.get('events/src/modules/module-events.generated.ts'))
      .to.include("import * as lab from './lab/index.js';")
      .and.include('  lab: lab.labEvents,')
      .and.include('  archive: archive.archiveEvents,');
    expect(files.get('commands/src/main/command-modules.generated.ts'))
      .to.include('  lab: lab.labModule,')
      .and.not.include('archive');
    expect(files.get('commands/src/aggregates.generated.ts')).to.include('  lab: lab.aggregates,');
    expect(files.get('projections/src/projections.generated.ts')).to.include('  lab: lab.labProjection,');
    expect(files.get('read-api/src/server/read-routes.generated.ts'))
      .to.include('  lab: lab.labRoutes,')
      .and.include('  archive: archive.archiveRoutes,');
    expect(files.get('kernel/src/modules.generated.ts'))
      .to.include("export * from './lab/index.js';")
      .and.not.include('archive');
    const plugIns = files.get('scripts/modules/plug-ins.generated.ts')!;
    expect(plugIns).to.include('  lab: lab.labWorkload,').and.include('  archive: archive.archiveScenario,');
    expect(plugIns).to.not.include('archiveWorkload');
  });

  it('list modules in manifest order, each file once per registry', () => {
    const events = generatedRegistries(grown).get('events/src/modules/module-events.generated.ts')!;
    const order = Object.keys(grown).map((m) => events.indexOf(`  ${m}: ${m}.${m}Events,`));
    expect(order.every((at) => at > 0)).to.equal(true);
    expect([...order].sort((a, b) => a - b)).to.deep.equal(order);
    expect(new Set(registryFiles.map((f) => f.path)).size).to.equal(registryFiles.length);
  });
});
