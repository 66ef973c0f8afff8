import { moduleManifest, moduleOfType } from '@chartline/events';
import { expect } from 'chai';
import { processManagerId } from '../process-manager/names.js';
import { isProcessManagerName, processManagers } from './process-managers.js';

describe('process-manager registry', () => {
  const declared = Object.entries(moduleManifest).flatMap(([module, m]) =>
    m.processManagers.map((pm) => ({ id: `${module}.${pm.name}`, module, consumes: [...pm.consumes].sort() })),
  );

  it('registers exactly what the manifest declares, each under its module and name', () => {
    expect(Object.keys(processManagers).sort()).to.deep.equal(declared.map((d) => d.id).sort());
    for (const [id, { processManager, module }] of Object.entries(processManagers)) {
      expect(processManagerId(processManager)).to.equal(id);
      expect(module.name, `${id} sends its own module's commands`).to.equal(processManager.module);
    }
  });

  it('consumes the topics of exactly the modules the manifest says it consumes', () => {
    for (const d of declared) {
      if (!isProcessManagerName(d.id)) expect.fail(`${d.id} is declared but not registered`);
      const consumed = [...new Set(processManagers[d.id].processManager.consumes.map(moduleOfType))].sort();
      expect(consumed, d.id).to.deep.equal(d.consumes);
    }
  });
});
