import { describeOverPostgres } from '../server/testing/describe-over-postgres.js';
import { inventoryHttpModules } from './testing/http-client.js';
import { inventoryHttpScenario } from './testing/http-scenario.js';
import { inventoryWitnessScenario } from './testing/witness-scenario.js';

/** The same scenario as http.test.ts on the real PostgreSQL event store and key store and real Redis. */
describeOverPostgres(
  'inventory over HTTP: PostgreSQL + Redis',
  { name: 'inventory', modules: inventoryHttpModules },
  ({ run, start }) => inventoryHttpScenario(start, () => `inv${run}`),
);

describeOverPostgres(
  'inventory witnesses, patients and item updates over HTTP: PostgreSQL + Redis',
  { name: 'inventory', modules: inventoryHttpModules },
  ({ run, start }) => inventoryWitnessScenario(start, () => `inv${run}`),
);
