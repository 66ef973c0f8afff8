import { admissionsModule } from '../admissions/index.js';
import { hospitalsModule } from '../hospitals/index.js';
import { describeOverPostgres } from './testing/describe-over-postgres.js';
import { servedHospitalScenario } from './testing/served-hospital-scenario.js';

/** The same refusals as served-hospital.test.ts, with the hospital's stream in the real PostgreSQL event store. */
describeOverPostgres(
  'command API refuses tokens of hospitals not served: PostgreSQL',
  { name: 'served', modules: [hospitalsModule, admissionsModule], redis: false, checkHospitals: true },
  ({ run, start }) => servedHospitalScenario(start, () => `served${run}`),
);
