import { MasterKey, openSqliteKeyStore, SqliteEventStore } from '@chartline/infra';
import { admissionsModule } from '../admissions/index.js';
import { patientsModule } from '../patients/index.js';
import { commandHarness } from './testing/harness.js';
import { hospitalScenario } from './testing/hospital-scenario.js';

describe('command server with patients and admissions: embedded adapters (memory)', () => {
  hospitalScenario(
    () => commandHarness({ modules: [patientsModule, admissionsModule] }),
    () => 'h1',
  );
});

describe('command server with patients and admissions: embedded adapters (SQLite)', () => {
  hospitalScenario(
    () =>
      commandHarness({
        modules: [patientsModule, admissionsModule],
        eventStore: new SqliteEventStore({ path: ':memory:' }),
        keyStore: openSqliteKeyStore(':memory:', MasterKey.generate()),
      }),
    () => 'h1',
  );
});
