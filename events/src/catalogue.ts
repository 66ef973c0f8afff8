import { UnknownEventType, UnknownSchemaVersion } from './errors.js';
import { moduleEvents } from './modules/index.js';
import { moduleOfType } from './naming.js';
import type { AvroRecordSchema } from './schema/avro-types.js';
import type { EventDefinition } from './schema/define-event.js';

/** Any event definition, whatever its module, name and versions. */
export type AnyEventDefinition = EventDefinition<string, string, readonly [AvroRecordSchema, ...AvroRecordSchema[]]>;

/** Per module, its event definitions: the shape of `moduleEvents`. */
export type ModuleEventLists = { readonly [module: string]: readonly AnyEventDefinition[] };

/** Every known event, looked up by envelope type or by module. */
export interface EventCatalogue {
  /** Every definition, module by module, in declaration order. */
  readonly all: readonly AnyEventDefinition[];
  readonly modules: readonly string[];
  /** Throws UnknownEventType. */
  get(type: string): AnyEventDefinition;
  find(type: string): AnyEventDefinition | undefined;
  /** A module's definitions; empty for a module without events. */
  ofModule(module: string): readonly AnyEventDefinition[];
  /** The schema of one version; throws UnknownEventType / UnknownSchemaVersion. */
  schemaOf(type: string, version: number): AvroRecordSchema;
}

/**
 * Builds a catalogue and checks what a reader relies on: each event sits under its own module's
 * key and each type is declared once. A violation is a programming error, so it throws.
 */
export function buildCatalogue(lists: ModuleEventLists): EventCatalogue {
  const byType = new Map<string, AnyEventDefinition>();
  const byModule = new Map<string, readonly AnyEventDefinition[]>();
  for (const [module, definitions] of Object.entries(lists)) {
    for (const definition of definitions) {
      if (definition.module !== module || moduleOfType(definition.type) !== module) {
        throw new Error(`${definition.type} is listed under module ${module}`);
      }
      if (byType.has(definition.type)) throw new Error(`${definition.type} is declared twice`);
      byType.set(definition.type, definition);
    }
    byModule.set(module, definitions);
  }
  const find = (type: string) => byType.get(type);
  const get = (type: string) => {
    const definition = byType.get(type);
    if (!definition) throw new UnknownEventType(type);
    return definition;
  };
  return {
    all: [...byType.values()],
    modules: [...byModule.keys()],
    get,
    find,
    ofModule: (module) => byModule.get(module) ?? [],
    schemaOf(type, version) {
      const definition = get(type);
      const schema = Number.isInteger(version) ? definition.versions[version - 1] : undefined;
      if (!schema) throw new UnknownSchemaVersion(type, version);
      return schema;
    },
  };
}

/** The catalogue of every Chartline module's events. */
export const catalogue: EventCatalogue = buildCatalogue(moduleEvents);
