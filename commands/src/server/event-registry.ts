import { type AnyEventDefinition, buildCatalogue, type EventCatalogue } from '@chartline/events';
import type { CommandModule } from './command-module.js';

/**
 * The event definitions the server knows: the catalogue of its modules (the same machinery the
 * codecs use, so an event is validated and normalised by its schema before it is hashed), plus
 * lookup by (module, short name) for what deciders emit.
 */
export interface EventRegistry {
  readonly catalogue: EventCatalogue;
  byType(type: string): AnyEventDefinition;
  byName(module: string, name: string): AnyEventDefinition;
}

export function eventRegistry(modules: readonly CommandModule[]): EventRegistry {
  const catalogue = buildCatalogue(
    Object.fromEntries(modules.map((module) => [module.name, module.events as readonly AnyEventDefinition[]])),
  );
  // A stream holding an event this server has no definition for is a deployment or catalogue bug: get() throws.
  const byType = (type: string) => catalogue.get(type);
  return { catalogue, byType, byName: (module, name) => byType(`${module}.${name}`) };
}
