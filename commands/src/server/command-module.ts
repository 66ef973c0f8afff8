import { type EventDefinition, isModuleName, type ModuleDeclaration } from '@chartline/events';
import { declaredPersonalData, type Subject } from '@chartline/infra';
import type { CommandSpec } from '../shared/command-spec.js';

/** A command spec whatever its body, command and stream keys: what the server holds in its lists. */
export type AnyCommandSpec = CommandSpec<unknown, unknown, string>;

/**
 * What a module hands the command server. Adding a module is adding one of these: its routes,
 * validators and handlers all come from the specs.
 */
export interface CommandModule {
  /** Route segment and event type prefix, e.g. `admissions`. */
  readonly name: string;
  readonly specs: readonly AnyCommandSpec[];
  /** The module's event definitions: schema version and personal fields of each event it emits or reads. */
  readonly events: readonly EventDefinition[];
  /**
   * Personal data of a module outside the manifest (a test fixture): whose it is and which events
   * erase it. A manifest module declares this in the manifest only, and this is ignored.
   */
  readonly personalData?: ModuleDeclaration['personalData'];
}

/** Whose personal data the module's events carry when they name nobody: the manifest's declaration. */
export function moduleSubject(module: CommandModule): Subject['kind'] | undefined {
  return (isModuleName(module.name) ? declaredPersonalData(module.name) : module.personalData)?.subject;
}

/** For a module outside the manifest only: the subject its own declared erasure event erases. */
export function localErasure(
  module: CommandModule,
  eventName: string,
  data: Record<string, unknown>,
): Subject | undefined {
  if (isModuleName(module.name) || !module.personalData?.erasureEvents.includes(eventName)) return undefined;
  const { subject: kind } = module.personalData;
  const id = data[`${kind}Id`];
  return typeof id === 'string' && id !== '' ? { kind, id } : undefined;
}
