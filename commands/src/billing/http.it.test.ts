import { hospitalsModule } from '../hospitals/index.js';
import { describeOverPostgres } from '../server/testing/describe-over-postgres.js';
import { billingModule } from './index.js';
import { billingHttpScenario } from './testing/http-scenario.js';

/** The same scenario as http.test.ts on the real PostgreSQL event store and key store and real Redis. */
describeOverPostgres(
  'billing over HTTP: PostgreSQL + Redis',
  { name: 'billing', modules: [hospitalsModule, billingModule] },
  ({ run, start }) => billingHttpScenario(start, () => `bill${run}`),
);
