import { admissionsModule } from '../admissions/index.js';
import { patientsModule } from '../patients/index.js';
import { describeOverPostgres } from './testing/describe-over-postgres.js';
import { hospitalScenario } from './testing/hospital-scenario.js';

/** The same scenario as hospital.test.ts, on the real PostgreSQL event store and key store and real Redis. */
describeOverPostgres(
  'command server with patients and admissions: PostgreSQL + Redis',
  { name: 'commands', modules: [patientsModule, admissionsModule] },
  // Hospital ids unique per run, so the shared key table and Redis never see a clash.
  ({ run, start }) => hospitalScenario(start, () => `hit${run}`),
);
