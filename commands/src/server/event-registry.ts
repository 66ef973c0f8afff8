import type { EventDefinition } from '@chartline/events';
import type { CommandModule } from './command-module.js';

/** The event definitions the server knows, by full type and by (module, short name). */
export interface EventRegistry {
  byType(type: string): EventDefinition;
  byName(module: string, name: string): EventDefinition;
}

export function eventRegistry(modules: readonly CommandModule[]): EventRegistry {
  const types = new Map<string, EventDefinition>();
  for (const module of modules) for (const definition of module.events) types.set(definition.type, definition);
  const byType = (type: string) => {
    const definition = types.get(type);
    // A stream holds an event this server has no definition for: a deployment or catalogue bug.
    if (!definition) throw new Error(`no event definition for ${type}`);
    return definition;
  };
  return { byType, byName: (module, name) => byType(`${module}.${name}`) };
}
