import type { DomainEventOf, moduleEvents } from '@chartline/events';

/** Every event of the admissions module, as deciders see it. */
export type AdmissionsEvent = DomainEventOf<(typeof moduleEvents.admissions)[number]>;
export type AdmissionsEventNamed<N extends AdmissionsEvent['type']> = Extract<AdmissionsEvent, { type: N }>;
