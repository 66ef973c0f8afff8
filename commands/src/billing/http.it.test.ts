import {
  MasterKey,
  openPostgresKeyStore,
  openRedisIdempotencyStore,
  PostgresEventStore,
  requireService,
} from '@chartline/infra';
import { hospitalsModule } from '../hospitals/index.js';
import { commandHarness, type Harness } from '../server/testing/harness.js';
import { billingModule } from './index.js';
import { billingHttpScenario } from './testing/http-scenario.js';

/** The same scenario as http.test.ts on the real PostgreSQL event store and key store and real Redis. */
describe('billing over HTTP: PostgreSQL + Redis', () => {
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

  billingHttpScenario(
    async () => {
      harness = await commandHarness({
        modules: [hospitalsModule, billingModule],
        // A schema of its own per run: the shared server's other suites stay untouched.
        eventStore: await PostgresEventStore.open({ url: postgresUrl, schema: `billing_it_${run}` }),
        keyStore: await openPostgresKeyStore(postgresUrl, MasterKey.generate()),
        idempotency: await openRedisIdempotencyStore(redisUrl, { prefix: `chartline-billing-it:${run}:` }),
      });
      return harness;
    },
    () => `bill${run}`,
  );
});
