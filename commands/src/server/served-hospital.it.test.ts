import { MasterKey, openPostgresKeyStore, PostgresEventStore, requireService } from '@chartline/infra';
import { admissionsModule } from '../admissions/index.js';
import { hospitalsModule } from '../hospitals/index.js';
import { commandHarness, type Harness } from './testing/harness.js';
import { servedHospitalScenario } from './testing/served-hospital-scenario.js';

/** The same refusals as served-hospital.test.ts, with the hospital's stream in the real PostgreSQL event store. */
describe('command API refuses tokens of hospitals not served: PostgreSQL', () => {
  let postgresUrl: string;
  let harness: Harness | undefined;
  const run = Date.now().toString(36);
  before(function () {
    postgresUrl = requireService(this, 'POSTGRES_URL', 'the PostgreSQL event store');
  });
  after(async () => {
    await harness?.eventStore.close();
    await harness?.keyStore.close();
  });

  servedHospitalScenario(
    async () => {
      harness = await commandHarness({
        modules: [hospitalsModule, admissionsModule],
        checkHospitals: true,
        // A schema of its own per run: the shared server's other suites stay untouched.
        eventStore: await PostgresEventStore.open({ url: postgresUrl, schema: `served_it_${run}` }),
        keyStore: await openPostgresKeyStore(postgresUrl, MasterKey.generate()),
      });
      return harness;
    },
    () => `served${run}`,
  );
});
