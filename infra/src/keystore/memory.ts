import { MasterKey, newDataKey } from './master-key.js';
import { type KeyStore, PersonalDataErased } from './port.js';
import { CURRENT_WRAP_FORMAT, keyBinding, subjectKey } from './subject.js';

/** Tests and `memory:` mode. Keys are wrapped here too, so the memory adapter behaves like the others. */
export function createMemoryKeyStore(master: MasterKey = MasterKey.generate()): KeyStore {
  const rows = new Map<string, Buffer | null>();
  return {
    async dataKeyFor(hospitalId, subject) {
      const binding = keyBinding(hospitalId, subject, CURRENT_WRAP_FORMAT);
      const row = rows.get(subjectKey(hospitalId, subject));
      if (row === null) throw new PersonalDataErased();
      if (row) return master.unwrap(row, binding);
      const key = newDataKey();
      rows.set(subjectKey(hospitalId, subject), master.wrap(key, binding));
      return key;
    },
    async existingKey(hospitalId, subject) {
      const row = rows.get(subjectKey(hospitalId, subject));
      return row ? master.unwrap(row, keyBinding(hospitalId, subject, CURRENT_WRAP_FORMAT)) : null;
    },
    async erase(hospitalId, subject) {
      rows.set(subjectKey(hospitalId, subject), null);
    },
    async ping() {
      return true;
    },
    async close() {},
  };
}
