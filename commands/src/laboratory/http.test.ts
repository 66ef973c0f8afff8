import { hospitalsModule } from '../hospitals/index.js';
import { patientsModule } from '../patients/index.js';
import { commandHarness } from '../server/testing/harness.js';
import { laboratoryModule } from './index.js';
import { laboratoryHttpScenario } from './testing/http-scenario.js';

describe('laboratory over HTTP: embedded adapters', () => {
  laboratoryHttpScenario(
    () => commandHarness({ modules: [hospitalsModule, patientsModule, laboratoryModule] }),
    () => 'h1',
  );
});
