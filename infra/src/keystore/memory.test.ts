import { keyStoreContract } from './contract.js';
import { createMemoryKeyStore } from './memory.js';

describe('key store: memory', () => {
  keyStoreContract(async () => createMemoryKeyStore());
});
