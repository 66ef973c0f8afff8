import type { EventData, moduleEvents, ProjectedModuleName } from '@chartline/events';
import type { ProjectedEvent } from './projection.js';

type Definitions<M extends ProjectedModuleName> = (typeof moduleEvents)[M][number];

/** Every event name (`BedAdded`) of a module, from the event catalogue. */
export type EventNameOf<M extends ProjectedModuleName> = Definitions<M>['name'];

/** The current data shape of `<module>.<name>`, derived from its Avro schema. */
export type DataOf<M extends ProjectedModuleName, N extends EventNameOf<M>> = Readonly<
  EventData<Extract<Definitions<M>, { name: N }>>
>;

/** `<module>.<name>` as its handler sees it: the envelope with the data typed by the event's schema. */
export type EventOf<M extends ProjectedModuleName, N extends EventNameOf<M>> = Omit<ProjectedEvent, 'data'> & {
  readonly data: DataOf<M, N>;
};
