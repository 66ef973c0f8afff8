import { hospitalsModule } from '../hospitals/index.js';
import { commandHarness } from '../server/testing/harness.js';
import { billingModule } from './index.js';
import { billingHttpScenario } from './testing/http-scenario.js';

describe('billing over HTTP (embedded adapters)', () => {
  billingHttpScenario(
    () => commandHarness({ modules: [hospitalsModule, billingModule] }),
    () => 'h-billing',
  );
});
