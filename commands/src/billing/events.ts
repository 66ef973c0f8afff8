import type { DomainEventOf, moduleEvents } from '@chartline/events';

/** Every event of the billing module, as deciders see it. */
export type BillingEvent = DomainEventOf<(typeof moduleEvents.billing)[number]>;
export type BillingEventNamed<N extends BillingEvent['type']> = Extract<BillingEvent, { type: N }>;
