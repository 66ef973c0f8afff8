import {
  MasterKey,
  openPostgresKeyStore,
  openRedisIdempotencyStore,
  PostgresEventStore,
  requireService,
} from '@chartline/infra';
import { admissionsModule } from '../admissions/index.js';
import { patientsModule } from '../patients/index.js';
import { commandHarness, type Harness } from './testing/harness.js';
import { hospitalScenario } from './testing/hospital-scenario.js';

/** The same scenario as hospital.test.ts, on the real PostgreSQL event store and key store and real Redis. */
describe('command server with patients and admissions: PostgreSQL + Redis', () => {
  let postgresUrl: string;
  let redisUrl: string;
  let harness: Harness | undefined;
  const run = Date.now().toString(36);
  before(function () {
    postgresUrl = requireService(this, 'POSTGRES_URL', 'the PostgreSQL event store and key store');
    redisUrl = requireService(this, 'REDIS_URL', 'Redis idempotency keys');
  });
  after(async () => {
    await harness?.eventStore.close();
    await harness?.keyStore.close();
    await harness?.idempotency.close();
  });

  hospitalScenario(
    async () => {
      harness = await commandHarness({
        modules: [patientsModule, admissionsModule],
        // A schema of its own per run: the shared server's other suites stay untouched.
        eventStore: await PostgresEventStore.open({ url: postgresUrl, schema: `commands_it_${run}` }),
        keyStore: await openPostgresKeyStore(postgresUrl, MasterKey.generate()),
        idempotency: await openRedisIdempotencyStore(redisUrl, { prefix: `chartline-it:${run}:` }),
      });
      return harness;
    },
    // Hospital ids unique per run, so the shared key table and Redis never see a clash.
    () => `hit${run}`,
  );
});
