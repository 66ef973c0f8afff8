import { expect } from 'chai';
import request from 'supertest';
import { v7 as uuidv7 } from 'uuid';
// Test-only reach into the projections (as ../testing/hospital.ts does): real sealed events.
import { HospitalHistory } from '../../../projections/src/testing/hospital-history.js';
import { createReadApp } from '../server/app.js';
import { memoryStores, type Stores, tokens } from '../testing/hospital.js';

/**
 * The auditors' routes cover the inventory module: a stock point's history, its state as of a time
 * (folded with the write side's own evolve: units per lot, what the expiry sweep raised), an item as
 * of before and after an update, and chain verification, including a tampered movement.
 */
describe('audit routes on inventory streams', () => {
  const auth = tokens();
  const item = uuidv7();
  const pharmacy = uuidv7();
  const lot = uuidv7();
  const stockStream = `stock-h1.${pharmacy}.${item}`;
  const at = (minute: number) => new Date(Date.UTC(2025, 2, 1, 9, minute)).toISOString();
  let stores: Stores;
  let auditor: string;
  let app: ReturnType<typeof createReadApp>;
  const get = (path: string) => request(app).get(path).set('Authorization', `Bearer ${auditor}`);

  before(async () => {
    stores = memoryStores();
    auditor = await auth.mint('auditor', ['h1'], 'auditor-1');
    const history = new HospitalHistory(stores.eventStore, stores.keys, 'h1');
    const defined = {
      itemId: item,
      code: 'MORPH10',
      name: 'Morphine 10 mg/ml ampoule',
      unitOfMeasure: 'ampoule',
      packSize: 10,
      category: 'medicine',
      batchTracked: true,
      controlledSubstance: false,
    };
    await history.append('inventory.ItemDefined', item, { ...defined, definedAt: at(0) }, { occurredAt: at(0) });
    const lotLine = {
      itemId: item,
      locationId: pharmacy,
      lotId: lot,
      lotNumber: 'M-1',
      expiryDate: '2025-05-01',
      unitCostMinor: 450,
      currency: 'EUR',
    };
    await history.append(
      'inventory.StockReceived',
      `${pharmacy}.${item}`,
      { ...lotLine, quantity: 20, onHandAfter: 20, receiptId: uuidv7(), supplier: 'Acme', receivedAt: at(1) },
      { occurredAt: at(1) },
    );
    await history.append(
      'inventory.StockIssuedToWard',
      `${pharmacy}.${item}`,
      {
        ...lotLine,
        quantity: 5,
        onHandAfter: 15,
        issueId: uuidv7(),
        wardId: uuidv7(),
        witnessId: 'pharm-2',
        witnessRole: 'pharmacist',
        issuedAt: at(10),
      },
      { occurredAt: at(10) },
    );
    await history.append(
      'inventory.LotNearingExpiry',
      `${pharmacy}.${item}`,
      { ...lotLine, quantity: 15, windowDays: 60, daysLeft: 61 - 1, sweepDate: '2025-03-02' },
      { occurredAt: at(20) },
    );
    await history.append(
      'inventory.ItemUpdated',
      item,
      {
        ...defined,
        controlledSubstance: true,
        changedFields: ['controlledSubstance'],
        updatedAt: at(30),
      },
      { occurredAt: at(30) },
    );
    app = createReadApp({ ...stores, auth: auth.auth });
  });

  it('shows a stock point’s history with who witnessed the issue', async () => {
    const res = await get(`/hospitals/h1/audit/streams/${stockStream}/events`).expect(200);
    expect(res.body.events.map((e: { type: string }) => e.type)).to.deep.equal([
      'inventory.StockReceived',
      'inventory.StockIssuedToWard',
      'inventory.LotNearingExpiry',
    ]);
    expect(res.body.events[1].data).to.include({ witnessId: 'pharm-2', witnessRole: 'pharmacist' });
  });

  it('folds a stock point as of a time: before the issue 20 units, after it 15, then the expiry window raised', async () => {
    const state = async (asOf: string) =>
      (await get(`/hospitals/h1/audit/streams/${stockStream}/state?asOf=${asOf}`).expect(200)).body;
    const beforeIssue = await state(at(5));
    expect(beforeIssue).to.include({ revision: 0, recordedAt: at(1) });
    expect(beforeIssue.state).to.include({ onHand: 20, itemId: item, locationId: pharmacy, currency: 'EUR' });
    expect(beforeIssue.state.lots[lot]).to.include({ quantity: 20, expiredRaised: false });
    expect(beforeIssue.state.lots[lot].windowsRaised).to.deep.equal([]);
    const afterIssue = await state(at(15));
    expect(afterIssue).to.include({ revision: 1 });
    expect(afterIssue.state).to.include({ onHand: 15 });
    const swept = await state(at(25));
    expect(swept.state.lots[lot].windowsRaised).to.deep.equal([60]);
    await get(`/hospitals/h1/audit/streams/${stockStream}/state?asOf=2025-03-01T08:00:00Z`).expect(404);
  });

  it('folds an item before and after it was made a controlled substance', async () => {
    const item0 = await get(`/hospitals/h1/audit/streams/item-h1.${item}/state?asOf=${at(29)}`).expect(200);
    expect(item0.body.state).to.include({ defined: true, code: 'MORPH10', controlledSubstance: false });
    const item1 = await get(`/hospitals/h1/audit/streams/item-h1.${item}/state`).expect(200);
    expect(item1.body.state).to.include({ controlledSubstance: true, name: 'Morphine 10 mg/ml ampoule' });
  });

  it('verifies the stock point’s chain, and names a tampered movement', async () => {
    const ok = await get(`/hospitals/h1/audit/streams/${stockStream}/verification`).expect(200);
    expect(ok.body).to.include({ ok: true, events: 3 });
    const inner = stores.eventStore;
    const forged = createReadApp({
      ...stores,
      eventStore: new Proxy(inner, {
        get(target, property, receiver) {
          if (property !== 'readStream') return Reflect.get(target, property, receiver);
          return async (...args: Parameters<typeof inner.readStream>) =>
            (await target.readStream(...args)).map((r) =>
              r.streamId === stockStream && r.revision === 1 ? { ...r, data: { ...r.data, quantity: 1 } } : r,
            );
        },
      }),
      auth: auth.auth,
    });
    const bad = await request(forged)
      .get(`/hospitals/h1/audit/streams/${stockStream}/verification`)
      .set('Authorization', `Bearer ${auditor}`)
      .expect(200);
    expect(bad.body).to.deep.include({ ok: false, firstBadRevision: 1, reason: 'altered' });
  });
});
