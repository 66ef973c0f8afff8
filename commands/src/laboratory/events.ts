import type { DomainEventOf, moduleEvents } from '@chartline/events';

/** Every event of the laboratory module, as deciders see it. */
export type LaboratoryEvent = DomainEventOf<(typeof moduleEvents.laboratory)[number]>;
export type LaboratoryEventNamed<N extends LaboratoryEvent['type']> = Extract<LaboratoryEvent, { type: N }>;
