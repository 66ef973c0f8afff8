import type { EventData } from '../schema/define-event.js';
import type { ModuleName } from './manifest.js';
import { moduleEvents } from './module-events.generated.js';

/**
 * Every module's events, keyed by the manifest: generated from it (`npm run generate`) out of each
 * module folder's `<module>Events`, so a module declared there without them does not compile.
 */
export { moduleEvents };

/** Names of a module's events. */
export type ModuleEventName<M extends ModuleName> = (typeof moduleEvents)[M][number]['name'];

/** The current data shape of `<module>.<name>`, derived from its Avro schema. */
export type ModuleEventData<M extends ModuleName, N extends ModuleEventName<M>> = EventData<
  Extract<(typeof moduleEvents)[M][number], { name: N }>
>;
