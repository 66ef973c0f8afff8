import { keyStoreContract } from './contract.js';
import { MasterKey } from './master-key.js';
import { openSqliteKeyStore } from './sqlite.js';

describe('key store: SQLite (in-memory database)', () => {
  keyStoreContract(async () => openSqliteKeyStore(':memory:', MasterKey.generate()));
});
