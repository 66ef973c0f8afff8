import type { EventData } from '../schema/define-event.js';
import { admissionsEvents } from './admissions/index.js';
import { auditEvents } from './audit/index.js';
import type { ModuleName } from './manifest.js';
import { patientsEvents } from './patients/index.js';

/**
 * Every module's events, keyed by the manifest: a module declared there and missing here (or a
 * misspelt key) does not compile. Adding a module = its schema files, its index, and one line here.
 */
export const moduleEvents = {
  patients: patientsEvents,
  admissions: admissionsEvents,
  audit: auditEvents,
} as const satisfies Record<ModuleName, readonly unknown[]>;

/** Names of a module's events. */
export type ModuleEventName<M extends ModuleName> = (typeof moduleEvents)[M][number]['name'];

/** The current data shape of `<module>.<name>`, derived from its Avro schema. */
export type ModuleEventData<M extends ModuleName, N extends ModuleEventName<M>> = EventData<
  Extract<(typeof moduleEvents)[M][number], { name: N }>
>;
