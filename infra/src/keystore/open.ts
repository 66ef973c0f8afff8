import type { MasterKey } from './master-key.js';
import { createMemoryKeyStore } from './memory.js';
import type { KeyStore } from './port.js';
import { openPostgresKeyStore } from './postgres.js';
import { openSqliteKeyStore } from './sqlite.js';

/** `postgres://…`, `sqlite:<file>` or `memory:`; the same URL scheme as the event store. */
export async function openKeyStore(url: string, master: MasterKey): Promise<KeyStore> {
  if (/^postgres(ql)?:\/\//.test(url)) return openPostgresKeyStore(url, master);
  if (url.startsWith('sqlite:')) return openSqliteKeyStore(url.slice('sqlite:'.length), master);
  if (url.startsWith('memory:')) return createMemoryKeyStore(master);
  throw new Error('key store URL must start with postgres://, sqlite: or memory:');
}
