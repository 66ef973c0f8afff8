import { eventStoreContract } from '../contract.js';
import { MemoryEventStore } from './memory-event-store.js';

eventStoreContract('memory', async () => new MemoryEventStore(), { freshStoreIsEmpty: true });
