import { MasterKey, newDataKey } from './master-key.js';
import { type KeyStore, PersonalDataErased } from './port.js';

/** Tests and `memory:` mode. Keys are wrapped here too, so the memory adapter behaves like the others. */
export function createMemoryKeyStore(master: MasterKey = MasterKey.generate()): KeyStore {
  const rows = new Map<string, Buffer | null>();
  const id = (hospitalId: string, patientId: string) => `${hospitalId}\u0000${patientId}`;
  return {
    async dataKeyFor(hospitalId, patientId) {
      const row = rows.get(id(hospitalId, patientId));
      if (row === null) throw new PersonalDataErased();
      if (row) return master.unwrap(row, hospitalId, patientId);
      const key = newDataKey();
      rows.set(id(hospitalId, patientId), master.wrap(key, hospitalId, patientId));
      return key;
    },
    async existingKey(hospitalId, patientId) {
      const row = rows.get(id(hospitalId, patientId));
      return row ? master.unwrap(row, hospitalId, patientId) : null;
    },
    async erase(hospitalId, patientId) {
      rows.set(id(hospitalId, patientId), null);
    },
    async ping() {
      return true;
    },
    async close() {},
  };
}
