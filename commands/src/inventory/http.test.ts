import { hospitalsModule } from '../hospitals/index.js';
import { commandHarness } from '../server/testing/harness.js';
import { inventoryModule } from './index.js';
import { inventoryHttpScenario } from './testing/http-scenario.js';

describe('inventory over HTTP: embedded adapters', () => {
  inventoryHttpScenario(
    () => commandHarness({ modules: [hospitalsModule, inventoryModule] }),
    () => 'h1',
  );
});
