import type { DomainEventOf, moduleEvents } from '@chartline/events';

/** Every event of the patients module, as deciders see it. */
export type PatientsEvent = DomainEventOf<(typeof moduleEvents.patients)[number]>;
/** The admissions events that live on the patient stream (stays opened and closed). */
export type PatientStayEvent = Extract<
  DomainEventOf<(typeof moduleEvents.admissions)[number]>,
  { type: 'StayOpened' | 'StayClosed' }
>;
export type PatientsEventNamed<N extends PatientsEvent['type']> = Extract<PatientsEvent, { type: N }>;
