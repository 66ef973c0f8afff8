import { expect } from 'chai';
import { v7 as uuidv7 } from 'uuid';
import type { Harness } from '../../server/testing/harness.js';
import { envelopesOf } from '../../server/testing/harness.js';
import { inventoryClient } from './http-client.js';

/**
 * The inventory module driven over HTTP through the command server, run on the embedded adapters
 * (unit) and on PostgreSQL + Redis (integration): the concurrency rule on the last units of an
 * item at one location, and the HTTP contract of its commands.
 */
export function inventoryHttpScenario(makeHarness: () => Promise<Harness>, hospitalId: () => string): void {
  let h: Harness;
  let hospital: string;
  let itemId: string;
  let pharmacyId: string;
  let care: { patientId: string; stayId: string };
  let wardId: string;
  const { post, ok, admittedPatient } = inventoryClient(
    () => h,
    () => hospital,
  );
  const receive = (quantity: number) =>
    ok(
      'receive-stock',
      {
        itemId,
        locationId: pharmacyId,
        lotNumber: `L-${uuidv7().slice(-6)}`,
        expiryDate: '2099-12-31',
        quantity,
        unitCostMinor: 250,
        supplier: 'Acme',
      },
      'storekeeper',
      200,
    );
  const issueOne = (nurse: number) =>
    post('issue-stock', { itemId, locationId: pharmacyId, quantity: 1, destination: 'patient', ...care }, 'nurse', {
      sub: `nurse-${nurse}`,
    });
  const stockStream = () => `stock-${hospital}.${pharmacyId}.${itemId}`;

  before(async () => {
    h = await makeHarness();
    hospital = hospitalId();
    await ok(
      'hospitals/register-hospital',
      { name: 'St Mary', timeZone: 'Europe/Paris', currency: 'EUR' },
      'platform_admin',
    );
    itemId = (
      await ok(
        'define-item',
        {
          code: `AMOX-${hospital}`,
          name: 'Amoxicillin 500 mg capsule',
          unitOfMeasure: 'capsule',
          category: 'medicine',
        },
        'storekeeper',
      )
    ).body.id;
    pharmacyId = (await ok('define-location', { code: 'PH', name: 'Main pharmacy', kind: 'pharmacy' }, 'storekeeper'))
      .body.id;
    const first = await post(
      'receive-stock',
      {
        itemId,
        locationId: pharmacyId,
        lotNumber: 'FIRST',
        expiryDate: '2099-12-31',
        quantity: 3,
        unitCostMinor: 250,
        supplier: 'Acme',
      },
      'storekeeper',
    );
    expect(first.status, JSON.stringify(first.body)).to.equal(201);
    const admitted = await admittedPatient('Alpha');
    care = { patientId: admitted.patientId, stayId: admitted.stayId };
    wardId = admitted.wardId;
  });

  it('twenty parallel issues of the last units: exactly as many succeed as the stock allows, the rest 409 insufficient-stock, never below zero', async () => {
    await receive(2); // 5 units on hand
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => issueOne(i)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).to.have.length(5);
    expect(statuses.filter((s) => s === 409)).to.have.length(15);
    for (const refused of results.filter((r) => r.status === 409)) {
      expect(refused.headers['content-type']).to.match(/application\/problem\+json/);
      expect(refused.body.rule, JSON.stringify(refused.body)).to.equal('insufficient-stock');
      expect(refused.body.available).to.equal(0);
    }
    const stock = await envelopesOf(h.eventStore, stockStream());
    const issued = stock.filter((e) => e.type === 'inventory.StockIssuedToPatient');
    expect(issued).to.have.length(5);
    const balances = stock.map((e) => (e.data as { onHandAfter?: number }).onHandAfter).filter((b) => b !== undefined);
    expect(Math.min(...(balances as number[]))).to.equal(0);
    expect(balances.at(-1)).to.equal(0);
  });

  it('answers a stale If-Match with 412 and the current revision as ETag on success', async () => {
    const received = await receive(4);
    const etag = received.headers['etag'] as string;
    const issue = { itemId, locationId: pharmacyId, quantity: 1, destination: 'ward', wardId };
    const done = await post('issue-stock', issue, 'pharmacist', { ifMatch: etag });
    expect(done.status, JSON.stringify(done.body)).to.equal(200);
    const stale = await post('issue-stock', issue, 'pharmacist', { ifMatch: etag });
    expect(stale.status).to.equal(412);
  });

  it('a repeated Idempotency-Key issues once', async () => {
    const before = (await envelopesOf(h.eventStore, stockStream())).length;
    const key = uuidv7();
    const issue = { itemId, locationId: pharmacyId, quantity: 1, destination: 'ward', wardId };
    const first = await post('issue-stock', issue, 'nurse', { key });
    const again = await post('issue-stock', issue, 'nurse', { key });
    expect(first.status).to.equal(200);
    expect(again.body).to.deep.equal(first.body);
    expect((await envelopesOf(h.eventStore, stockStream())).length).to.equal(before + 1);
  });

  it('names the field of a bad body, the rule of a refusal, 404 for an unknown item, 403 for a storekeeper issuing', async () => {
    const bad = await post(
      'issue-stock',
      { itemId, locationId: pharmacyId, quantity: 0, destination: 'ward' },
      'nurse',
    );
    expect(bad.status).to.equal(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).to.include.members(['body.quantity', 'body.wardId']);
    const unknown = await post(
      'issue-stock',
      { itemId: uuidv7(), locationId: pharmacyId, quantity: 1, destination: 'ward', wardId },
      'nurse',
    );
    expect(unknown.status).to.equal(404);
    expect(unknown.body.rule).to.equal('item-not-found');
    const nowhere = await post(
      'issue-stock',
      { itemId, locationId: pharmacyId, quantity: 1, destination: 'ward', wardId: uuidv7() },
      'nurse',
    );
    expect(nowhere.status).to.equal(404);
    expect(nowhere.body.rule).to.equal('ward-not-found');
    const tooMany = await post(
      'issue-stock',
      { itemId, locationId: pharmacyId, quantity: 999, destination: 'ward', wardId },
      'nurse',
    );
    expect(tooMany.status).to.equal(409);
    expect(tooMany.body.rule).to.equal('insufficient-stock');
    const storekeeper = await post(
      'issue-stock',
      { itemId, locationId: pharmacyId, quantity: 1, destination: 'ward', wardId },
      'storekeeper',
    );
    expect(storekeeper.status).to.equal(403);
  });
}
