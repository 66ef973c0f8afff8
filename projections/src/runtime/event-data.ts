import type { EventData, moduleEvents } from '@chartline/events';
import type { ProjectedEvent } from './projection.js';

type Definitions<M extends keyof typeof moduleEvents> = (typeof moduleEvents)[M][number];

/** The current data shape of `<module>.<name>`, derived from its Avro schema. */
export type DataOf<M extends keyof typeof moduleEvents, N extends Definitions<M>['name']> = Readonly<
  EventData<Extract<Definitions<M>, { name: N }>>
>;

/** The event's data as its handler expects it (the runtime routes by type, so the cast is safe). */
export const dataOf = <M extends keyof typeof moduleEvents, N extends Definitions<M>['name']>(
  event: ProjectedEvent,
  _module: M,
  _name: N,
): DataOf<M, N> => event.data as unknown as DataOf<M, N>;
