import type { EventDefinition } from '@chartline/events';
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
   * Short names of events that erase a patient's personal data (e.g. `PatientPersonalDataErased`).
   * When a command emits one, the server deletes that patient's data key (crypto-shredding).
   */
  readonly erasureEvents?: readonly string[];
}
