import { createMetricsRegistry } from '@chartline/infra/telemetry';
import { expect } from 'chai';
import request from 'supertest';
import { v7 as uuidv7 } from 'uuid';
import { commandHarness, tokenSigner } from '../server/testing/harness.js';
import { inventoryHttpModules } from './testing/http-client.js';
import { inventoryHttpScenario } from './testing/http-scenario.js';
import { inventoryWitnessScenario } from './testing/witness-scenario.js';

describe('inventory over HTTP: embedded adapters', () => {
  inventoryHttpScenario(
    () => commandHarness({ modules: inventoryHttpModules }),
    () => 'h1',
  );
});

describe('inventory witnesses, patients and item updates over HTTP: embedded adapters', () => {
  inventoryWitnessScenario(
    () => commandHarness({ modules: inventoryHttpModules }),
    () => 'h1',
  );
});

describe('inventory refusals in the command metrics (what the stock alerts count)', () => {
  it('counts a refusal by its rule: chartline_command_refusals_total{module,command,rule}', async () => {
    const metrics = createMetricsRegistry({ defaultMetrics: false });
    const h = await commandHarness({ modules: inventoryHttpModules, metrics });
    const post = async (path: string, body: object, role: string) =>
      request(h.app)
        .post(`/hospitals/h1/${path}`)
        .set('Authorization', `Bearer ${await h.token({ role, sub: `u-${role}` })}`)
        .set('Idempotency-Key', uuidv7())
        .send(body);
    await post(
      'hospitals/register-hospital',
      { name: 'H1', timeZone: 'Europe/Paris', currency: 'EUR' },
      'platform_admin',
    );
    const item = await post(
      'inventory/define-item',
      { code: 'X', name: 'X', unitOfMeasure: 'vial', category: 'medicine' },
      'storekeeper',
    );
    const location = await post('inventory/define-location', { code: 'P', name: 'P', kind: 'pharmacy' }, 'storekeeper');
    const ward = await post('admissions/define-ward', { name: 'W', specialty: 'medical' }, 'admin');
    const issue = {
      itemId: item.body.id,
      locationId: location.body.id,
      quantity: 1,
      destination: 'ward',
      wardId: ward.body.id,
    };
    for (let i = 0; i < 2; i++) expect((await post('inventory/issue-stock', issue, 'nurse')).status).to.equal(409);
    const forged = await request(h.app)
      .post('/hospitals/h1/inventory/issue-stock')
      .set('Authorization', `Bearer ${await h.token({ role: 'nurse', sub: 'u-nurse' })}`)
      .set('X-Witness-Authorization', `Bearer ${await (await tokenSigner()).sign({ role: 'pharmacist', sub: 'p' })}`)
      .set('Idempotency-Key', uuidv7())
      .send(issue);
    expect(forged.status).to.equal(403);
    const text = await metrics.metrics();
    expect(text).to.include(
      'chartline_command_refusals_total{module="inventory",command="issue-stock",rule="insufficient-stock"} 2',
    );
    // A refused witness names its rule too (what ChartlineInventoryWitnessRefusals counts).
    expect(text).to.include(
      'chartline_command_refusals_total{module="inventory",command="issue-stock",rule="witness-not-authenticated"} 1',
    );
  });
});
