import type { DomainEventOf, moduleEvents } from '@chartline/events';

/** Every event of the inventory module, as deciders see them. */
export type InventoryEvent = DomainEventOf<(typeof moduleEvents.inventory)[number]>;
export type InventoryEventOf<T extends InventoryEvent['type']> = Extract<InventoryEvent, { type: T }>;
