import { hospitalsModule } from '../hospitals/index.js';
import { patientsModule } from '../patients/index.js';
import { describeOverPostgres } from '../server/testing/describe-over-postgres.js';
import { laboratoryModule } from './index.js';
import { laboratoryHttpScenario } from './testing/http-scenario.js';

/** The laboratory's races on the real PostgreSQL event store and key store and real Redis. */
describeOverPostgres(
  'laboratory over HTTP: PostgreSQL + Redis',
  { name: 'laboratory', modules: [hospitalsModule, patientsModule, laboratoryModule] },
  ({ run, start }) => laboratoryHttpScenario(start, () => `lab${run}`),
);
