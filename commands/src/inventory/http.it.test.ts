import {
  MasterKey,
  openPostgresKeyStore,
  openRedisIdempotencyStore,
  PostgresEventStore,
  requireService,
} from '@chartline/infra';
import { commandHarness, type Harness } from '../server/testing/harness.js';
import { inventoryHttpModules } from './testing/http-client.js';
import { inventoryHttpScenario } from './testing/http-scenario.js';
import { inventoryWitnessScenario } from './testing/witness-scenario.js';

/** The same scenario as http.test.ts on the real PostgreSQL event store and key store and real Redis. */
describe('inventory over HTTP: PostgreSQL + Redis', () => {
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

  inventoryHttpScenario(
    async () => {
      harness = await commandHarness({
        modules: inventoryHttpModules,
        // A schema of its own per run: the shared server's other suites stay untouched.
        eventStore: await PostgresEventStore.open({ url: postgresUrl, schema: `inventory_it_${run}` }),
        keyStore: await openPostgresKeyStore(postgresUrl, MasterKey.generate()),
        idempotency: await openRedisIdempotencyStore(redisUrl, { prefix: `chartline-inventory-it:${run}:` }),
      });
      return harness;
    },
    () => `inv${run}`,
  );
});

describe('inventory witnesses, patients and item updates over HTTP: PostgreSQL + Redis', () => {
  let postgresUrl: string;
  let redisUrl: string;
  let harness: Harness | undefined;
  const run = `w${Date.now().toString(36)}`;
  before(function () {
    postgresUrl = requireService(this, 'POSTGRES_URL', 'the PostgreSQL event store and key store');
    redisUrl = requireService(this, 'REDIS_URL', 'Redis idempotency keys');
  });
  after(async () => {
    await harness?.eventStore.close();
    await harness?.keyStore.close();
    await harness?.idempotency.close();
  });

  inventoryWitnessScenario(
    async () => {
      harness = await commandHarness({
        modules: inventoryHttpModules,
        eventStore: await PostgresEventStore.open({ url: postgresUrl, schema: `inventory_it_${run}` }),
        keyStore: await openPostgresKeyStore(postgresUrl, MasterKey.generate()),
        idempotency: await openRedisIdempotencyStore(redisUrl, { prefix: `chartline-inventory-it:${run}:` }),
      });
      return harness;
    },
    () => `inv${run}`,
  );
});
