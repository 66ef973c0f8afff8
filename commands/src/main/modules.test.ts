import { commandModuleNames, moduleEvents, moduleManifest } from '@chartline/events';
import { expect } from 'chai';
import { auditableAggregates, moduleAggregates } from '../aggregates.js';
import { commandModuleRegistry, commandModules } from './modules.js';

describe('command module registries', () => {
  it('serves every module the manifest gives commands, each under its own name and with its own events', () => {
    expect(commandModules.map((m) => m.name)).to.deep.equal(commandModuleNames);
    for (const [key, module] of Object.entries(commandModuleRegistry)) {
      expect(module.name, key).to.equal(key);
      expect(module.events, key).to.equal(moduleEvents[key as keyof typeof moduleEvents]);
    }
  });

  it('folds exactly the aggregates each module declares in the manifest, each named as its stream category', () => {
    for (const [module, aggregates] of Object.entries(moduleAggregates)) {
      const declared = moduleManifest[module as keyof typeof moduleManifest].aggregates;
      expect(Object.keys(aggregates), module).to.have.members([...declared]);
      for (const [name, aggregate] of Object.entries(aggregates)) expect(aggregate.name, name).to.equal(name);
    }
    const everyDeclared = Object.values(moduleManifest).flatMap((m) => m.aggregates);
    expect(Object.keys(auditableAggregates)).to.have.members(everyDeclared);
  });
});
