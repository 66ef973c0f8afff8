import { expect } from 'chai';
import { keyStoreContract } from './contract.js';
import { MasterKey } from './master-key.js';
import { openSqliteKeyStore } from './sqlite.js';

describe('key store: SQLite (in-memory database)', () => {
  keyStoreContract(async () => openSqliteKeyStore(':memory:', MasterKey.generate()));

  it('pings false once its database is closed', async () => {
    const store = openSqliteKeyStore(':memory:', MasterKey.generate());
    expect(await store.ping()).to.equal(true);
    await store.close();
    expect(await store.ping()).to.equal(false);
  });
});
