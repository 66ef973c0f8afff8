import { expect } from 'chai';
import request from 'supertest';
import { v7 as uuidv7 } from 'uuid';
// Test-only reach into the projections, as ../testing/hospital.ts does: the read models are written
// by the real projection from real sealed events, never hand-written documents.
import { HospitalHistory } from '../../../projections/src/testing/hospital-history.js';
import { createReadApp } from '../server/app.js';
import { memoryStores, project, type Stores, tokens } from '../testing/hospital.js';

describe('inventory read routes', () => {
  const auth = tokens();
  const item = uuidv7();
  const pharmacy = uuidv7();
  const wardStore = uuidv7();
  const [lotSoon, lotLater] = [uuidv7(), uuidv7()];
  const ward = uuidv7();
  const patient = uuidv7();
  const stay = uuidv7();
  const transfer = uuidv7();
  const point = `${pharmacy}.${item}`;
  const at = (minute: number) => new Date(Date.UTC(2025, 2, 1, 9, minute)).toISOString();
  let stores: Stores;
  let app: ReturnType<typeof createReadApp>;
  /** The patient's personal-data access log: what each read recorded (view, route). */
  const accesses = async () => {
    const records = await stores.eventStore.readStream(`access-h1.${patient}`).catch(() => []);
    return records.map((r) => ({ view: r.data['view'], route: r.data['route'] }));
  };

  before(async () => {
    stores = memoryStores();
    const history = new HospitalHistory(stores.eventStore, stores.keys, 'h1');
    await history.append('inventory.ItemDefined', item, {
      itemId: item,
      code: 'MORPH10',
      name: 'Morphine 10 mg/ml ampoule',
      unitOfMeasure: 'ampoule',
      packSize: 10,
      category: 'medicine',
      batchTracked: true,
      controlledSubstance: true,
      definedAt: at(0),
    });
    for (const [locationId, code, kind] of [
      [pharmacy, 'PH', 'pharmacy'],
      [wardStore, 'W3', 'ward_store'],
    ] as const) {
      await history.append('inventory.LocationDefined', locationId, {
        locationId,
        code,
        name: code,
        kind,
        wardId: kind === 'ward_store' ? ward : null,
        definedAt: at(0),
      });
    }
    await history.append('inventory.StockLevelsSet', point, {
      itemId: item,
      locationId: pharmacy,
      reorderLevel: 20,
      maximumLevel: null,
      setAt: at(1),
    });
    const lot = (lotId: string, expiryDate: string, unitCostMinor: number) => ({
      itemId: item,
      locationId: pharmacy,
      lotId,
      lotNumber: `L-${expiryDate}`,
      expiryDate,
      unitCostMinor,
      currency: 'EUR',
    });
    const soon = lot(lotSoon, '2025-03-20', 150);
    const later = lot(lotLater, '2025-12-31', 200);
    await history.append('inventory.StockReceived', point, {
      ...soon,
      quantity: 10,
      onHandAfter: 10,
      receiptId: uuidv7(),
      supplier: 'Acme',
      receivedAt: at(2),
    });
    await history.append('inventory.StockReceived', point, {
      ...later,
      quantity: 20,
      onHandAfter: 30,
      receiptId: uuidv7(),
      supplier: 'Acme',
      receivedAt: at(3),
    });
    await history.append('inventory.StockIssuedToPatient', point, {
      ...soon,
      quantity: 4,
      onHandAfter: 26,
      issueId: uuidv7(),
      patientId: patient,
      stayId: stay,
      witnessId: 'nurse-2',
      issuedAt: at(4),
    });
    await history.append('inventory.StockIssuedToWard', point, {
      ...soon,
      quantity: 1,
      onHandAfter: 25,
      issueId: uuidv7(),
      wardId: ward,
      witnessId: 'nurse-2',
      issuedAt: at(5),
    });
    await history.append('inventory.StockDispatched', point, {
      ...soon,
      quantity: 5,
      onHandAfter: 20,
      transferId: transfer,
      toLocationId: wardStore,
      dispatchedAt: at(6),
    });
    await history.append('inventory.TransferDispatched', transfer, {
      transferId: transfer,
      itemId: item,
      fromLocationId: pharmacy,
      toLocationId: wardStore,
      lots: [
        { lotId: lotSoon, lotNumber: soon.lotNumber, expiryDate: soon.expiryDate, quantity: 5, unitCostMinor: 150 },
      ],
      quantity: 5,
      currency: 'EUR',
      dispatchedAt: at(6),
    });
    await history.append('inventory.StockAdjusted', point, {
      ...later,
      quantity: 1,
      onHandAfter: 19,
      adjustmentId: uuidv7(),
      countedQuantity: 19,
      difference: -1,
      reason: 'damaged',
      note: null,
      adjustedAt: at(7),
    });
    await project(stores);
    app = createReadApp({
      ...stores,
      auth: auth.auth,
      consistency: { timeoutMs: 300, pollMs: 10 },
      clock: () => new Date('2025-03-01T12:00:00Z'),
    });
  });

  const get = async (path: string, role = 'pharmacist', hospitals = ['h1']) =>
    request(app)
      .get(path)
      .set('Authorization', `Bearer ${await auth.mint(role, hospitals)}`);

  it('lists items and locations by code', async () => {
    const items = await get('/hospitals/h1/inventory/items');
    expect(items.status).to.equal(200);
    expect(items.body.items.map((i: { code: string }) => i.code)).to.deep.equal(['MORPH10']);
    expect(items.body.items[0].controlledSubstance).to.equal(true);
    const locations = await get('/hospitals/h1/inventory/locations', 'storekeeper');
    expect(locations.body.items.map((l: { code: string }) => l.code)).to.deep.equal(['PH', 'W3']);
  });

  it('shows stock on hand per location and item with value and levels, and the revision to send as If-Match', async () => {
    const res = await get(`/hospitals/h1/inventory/stock?locationId=${pharmacy}`);
    expect(res.status).to.equal(200);
    expect(res.body.items).to.deep.equal([
      {
        hospitalId: 'h1',
        stockPointId: point,
        itemId: item,
        locationId: pharmacy,
        onHand: 19,
        valueMinor: 0 * 150 + 19 * 200,
        currency: 'EUR',
        reorderLevel: 20,
        maximumLevel: null,
        belowReorderLevel: true,
        lastMovementAt: at(7),
        revision: 6,
      },
    ]);
    expect(res.headers['etag']).to.be.a('string');
  });

  it('shows lots with units only, with expiry and value; items under the reorder level', async () => {
    const lots = await get(`/hospitals/h1/inventory/stock/lots?itemId=${item}`);
    expect(
      lots.body.items.map((l: { lotId: string; quantity: number; valueMinor: number }) => [
        l.lotId,
        l.quantity,
        l.valueMinor,
      ]),
    ).to.deep.equal([[lotLater, 19, 3800]]);
    const reorder = await get('/hospitals/h1/inventory/reorder', 'storekeeper');
    expect(reorder.body.items.map((s: { stockPointId: string }) => s.stockPointId)).to.deep.equal([point]);
  });

  it('keeps the ledger in order with the running balance, paged by keyset', async () => {
    const first = await get(`/hospitals/h1/inventory/ledger?locationId=${pharmacy}&itemId=${item}&limit=4`);
    expect(first.status).to.equal(200);
    expect(
      first.body.items.map((l: { movement: string; quantityChange: number; balanceAfter: number }) => [
        l.movement,
        l.quantityChange,
        l.balanceAfter,
      ]),
    ).to.deep.equal([
      ['received', 10, 10],
      ['received', 20, 30],
      ['issued_to_patient', -4, 26],
      ['issued_to_ward', -1, 25],
    ]);
    const next = await get(
      `/hospitals/h1/inventory/ledger?locationId=${pharmacy}&itemId=${item}&limit=4&cursor=${first.body.nextCursor}`,
    );
    expect(
      next.body.items.map((l: { movement: string; balanceAfter: number }) => [l.movement, l.balanceAfter]),
    ).to.deep.equal([
      ['dispatched', 20],
      ['adjusted', 19],
    ]);
    expect(next.body.nextCursor).to.equal(null);
    // The first page showed what the patient was given: one access recorded, for the ledger's route.
    expect(await accesses()).to.deep.equal([
      { view: 'stock_consumption', route: 'GET /hospitals/:hospitalId/inventory/ledger' },
    ]);
  });

  it('lists lots expiring within 30/60/90 days of a date, and transfers in transit', async () => {
    // Lot "soon" has no units left at the pharmacy; lot "later" expires in 305 days.
    const within30 = await get('/hospitals/h1/inventory/expiring?withinDays=30');
    expect(within30.body.items).to.deep.equal([]);
    const asOfDecember = await get('/hospitals/h1/inventory/expiring?withinDays=90&asOf=2025-10-15');
    expect(asOfDecember.body.items.map((l: { lotId: string }) => l.lotId)).to.deep.equal([lotLater]);
    const inTransit = await get('/hospitals/h1/inventory/transfers?status=in_transit', 'storekeeper');
    expect(
      inTransit.body.items.map((t: { transferId: string; status: string }) => [t.transferId, t.status]),
    ).to.deep.equal([[transfer, 'in_transit']]);
    const received = await get('/hospitals/h1/inventory/transfers?status=received', 'storekeeper');
    expect(received.body.items).to.deep.equal([]);
  });

  it('adds up consumption per ward and per patient over a period', async () => {
    const period = `from=${encodeURIComponent('2025-03-01T00:00:00Z')}&to=${encodeURIComponent('2025-03-02T00:00:00Z')}`;
    const seen = (await accesses()).length;
    const nothing = await get(
      `/hospitals/h1/inventory/consumption/patients/${patient}?to=${encodeURIComponent('2025-03-01T09:01:00Z')}`,
      'billing_clerk',
    );
    expect(nothing.body.items).to.deep.equal([]);
    expect(await accesses(), 'an empty answer shows nothing of the patient').to.have.length(seen);
    const byPatient = await get(`/hospitals/h1/inventory/consumption/patients/${patient}?${period}`, 'billing_clerk');
    expect(byPatient.status).to.equal(200);
    expect(byPatient.body).to.deep.equal({
      from: '2025-03-01T00:00:00.000Z',
      to: '2025-03-02T00:00:00.000Z',
      items: [{ itemId: item, quantity: 4, valueMinor: 600, currency: 'EUR', issues: 1 }],
    });
    expect((await accesses()).at(-1)).to.deep.equal({
      view: 'stock_consumption',
      route: 'GET /hospitals/:hospitalId/inventory/consumption/patients/:patientId',
    });
    const byWard = await get(`/hospitals/h1/inventory/consumption/wards/${ward}?${period}`);
    expect(byWard.body.items).to.deep.equal([
      { itemId: item, quantity: 1, valueMinor: 150, currency: 'EUR', issues: 1 },
    ]);
    const before = await get(
      `/hospitals/h1/inventory/consumption/wards/${ward}?to=${encodeURIComponent('2025-03-01T09:05:00Z')}`,
    );
    expect(before.body.items).to.deep.equal([]);
  });

  it('refuses a nurse the consumption reads, and lists nothing of another hospital', async () => {
    expect((await get(`/hospitals/h1/inventory/consumption/patients/${patient}`, 'nurse')).status).to.equal(403);
    const other = await get('/hospitals/h2/inventory/stock', 'pharmacist', ['h2']);
    expect(other.status).to.equal(200);
    expect(other.body.items).to.deep.equal([]);
  });

  it('refuses a bad withinDays or period with the field named', async () => {
    const res = await get('/hospitals/h1/inventory/expiring?withinDays=45');
    expect(res.status).to.equal(400);
    expect(res.body.errors[0].field).to.equal('query.withinDays');
    const period = await get(`/hospitals/h1/inventory/consumption/wards/${ward}?from=yesterday`);
    expect(period.status).to.equal(400);
    expect(period.body.errors[0].field).to.equal('query.from');
  });
});
