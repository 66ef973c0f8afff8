import { readStoreContract } from '../contract.js';
import { MemoryReadStore } from './store.js';

describe('MemoryReadStore', () => {
  readStoreContract(async () => new MemoryReadStore());
});
