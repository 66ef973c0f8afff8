import {
  MasterKey,
  openPostgresKeyStore,
  openRedisIdempotencyStore,
  PostgresEventStore,
  requireService,
} from '@chartline/infra';
import { hospitalsModule } from '../hospitals/index.js';
import { patientsModule } from '../patients/index.js';
import { commandHarness, type Harness } from '../server/testing/harness.js';
import { laboratoryModule } from './index.js';
import { laboratoryHttpScenario } from './testing/http-scenario.js';

/** The laboratory's races on the real PostgreSQL event store and key store and real Redis. */
describe('laboratory over HTTP: PostgreSQL + Redis', () => {
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

  laboratoryHttpScenario(
    async () => {
      harness = await commandHarness({
        modules: [hospitalsModule, patientsModule, laboratoryModule],
        // A schema of its own per run: the shared server's other suites stay untouched.
        eventStore: await PostgresEventStore.open({ url: postgresUrl, schema: `laboratory_it_${run}` }),
        keyStore: await openPostgresKeyStore(postgresUrl, MasterKey.generate()),
        idempotency: await openRedisIdempotencyStore(redisUrl, { prefix: `chartline-laboratory-it:${run}:` }),
      });
      return harness;
    },
    () => `lab${run}`,
  );
});
