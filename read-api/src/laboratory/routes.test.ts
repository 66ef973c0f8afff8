import { expect } from 'chai';
import request from 'supertest';
import { createReadApp } from '../server/app.js';
import { memoryStores, project, type SeededHospital, type Stores, seedHospital, tokens } from '../testing/hospital.js';
import { percentile, turnaroundStatistics } from './queries.js';
import { catalogueShape, orderShape, orderTestShape } from './routes.js';

describe('laboratory read routes', () => {
  const auth = tokens();
  let stores: Stores;
  let h: SeededHospital;
  let app: ReturnType<typeof createReadApp>;
  // Seeded at 2025-01-15T08:06 (ordered) with a 45 min target; critical raised 08:09.
  const now = new Date('2025-01-15T09:00:00.000Z');

  before(async () => {
    stores = memoryStores();
    h = await seedHospital(stores, 'h1');
    await seedHospital(stores, 'h2');
    await project(stores);
    app = createReadApp({ ...stores, auth: auth.auth, clock: () => now, consistency: { timeoutMs: 300, pollMs: 10 } });
  });

  const get = async (path: string, role: Parameters<typeof auth.mint>[0] = 'physician', hospitals = ['h1']) =>
    request(app)
      .get(path)
      .set('Authorization', `Bearer ${await auth.mint(role, hospitals)}`);

  it('shows the catalogue, each entry in its documented shape', async () => {
    const res = await get('/hospitals/h1/laboratory/catalogue?kind=test');
    expect(res.status).to.equal(200);
    expect(res.body.items.map((i: { code: string }) => i.code)).to.deep.equal(['2823-3']);
    for (const item of res.body.items) catalogueShape.strict().parse(item);
  });

  it('puts the resulted test on the chemistry worklist awaiting verification, overdue by its target', async () => {
    const res = await get('/hospitals/h1/laboratory/worklist?section=chemistry', 'lab_technician');
    expect(res.status).to.equal(200);
    expect(res.body.items).to.have.length(1);
    const [item] = res.body.items;
    expect(item).to.include({ stage: 'awaiting_verification', priority: 'stat', dueAt: '2025-01-15T08:51:00.000Z' });
    expect(item.minutesToTarget).to.equal(-9);
    expect(item.comment, 'free text stays off the worklist').to.equal(null);
    orderTestShape
      .extend({ minutesToTarget: orderTestShape.shape.rejections, orderRevision: orderTestShape.shape.rejections })
      .strict()
      .parse(item);
    // The order's revision, for If-Match: the one the order itself shows.
    const order = await get(`/hospitals/h1/laboratory/orders/${item.orderId}`, 'lab_technician');
    expect(order.body.order.revision).to.be.greaterThan(0);
    expect(item.orderRevision).to.equal(order.body.order.revision);
    const other = await get('/hospitals/h1/laboratory/worklist?section=haematology', 'lab_technician');
    expect(other.body.items).to.deep.equal([]);
    const collecting = await get('/hospitals/h1/laboratory/worklist?stage=awaiting_collection', 'nurse');
    expect(collecting.body.items).to.deep.equal([]);
  });

  it('lists open critical results per hospital and ward with their age', async () => {
    const res = await get('/hospitals/h1/laboratory/critical-results');
    expect(res.status).to.equal(200);
    expect(res.body.items).to.deep.equal([
      {
        orderId: h.labOrderId,
        testCode: '2823-3',
        testName: 'Potassium',
        patientId: h.ada,
        wardId: h.wardId,
        flag: 'critically_high',
        valueNumber: 7.1,
        unit: 'mmol/L',
        raisedAt: '2025-01-15T08:09:00.000Z',
        ageMinutes: 51,
        orderRevision: (await get(`/hospitals/h1/laboratory/orders/${h.labOrderId}`)).body.order.revision,
      },
    ]);
    const otherWard = await get('/hospitals/h1/laboratory/critical-results?wardId=elsewhere');
    expect(otherWard.body.items).to.deep.equal([]);
  });

  it('shows a patient’s cumulative results with the comment, and records the access', async () => {
    const res = await get(`/hospitals/h1/laboratory/patients/${h.ada}/results?testCode=2823-3`, 'nurse');
    expect(res.status).to.equal(200);
    expect(res.body.items).to.have.length(1);
    const [item] = res.body.items;
    orderTestShape.strict().parse(item);
    expect(item.result).to.include({ valueNumber: 7.1, unit: 'mmol/L', flag: 'critically_high' });
    expect(item.comment).to.equal('Lovelace sample slightly haemolysed');
    const accesses = await stores.eventStore.readStream(`access-h1.${h.ada}`);
    expect(accesses.map((e) => (e.data as { view: string }).view)).to.include('lab_results');
  });

  it('shows the ward’s orders, each with its status and its tests’ stages', async () => {
    const ward = await get(`/hospitals/h1/laboratory/wards/${h.wardId}/orders`);
    expect(ward.status).to.equal(200);
    expect(ward.body.items).to.have.length(1);
    orderShape.strict().parse(ward.body.items[0]);
    expect(ward.body.items[0]).to.include({ status: 'awaiting_verification', criticalOpen: true, revision: 4 });
    expect(ward.body.items[0]).to.include({ orderId: h.labOrderId, accessionNumber: 'L00000001D' });
    const one = await get(`/hospitals/h1/laboratory/orders/${h.labOrderId}`);
    expect(one.status).to.equal(200);
    orderShape.strict().parse(one.body.order);
    for (const test of one.body.tests) orderTestShape.strict().parse(test);
    expect(one.body.tests[0]).to.include({ accessionNumber: 'L00000001D', stage: 'awaiting_verification' });
    expect((await get('/hospitals/h1/laboratory/orders/no-such-order')).status).to.equal(404);
  });

  it('never shows another hospital’s order, even by its patient’s or ward’s id', async () => {
    expect((await get(`/hospitals/h2/laboratory/orders/${h.labOrderId}`, 'physician', ['h2'])).status).to.equal(404);
    const res = await get(`/hospitals/h2/laboratory/wards/${h.wardId}/orders`, 'physician', ['h2']);
    expect(res.body.items).to.deep.equal([]);
    const results = await get(`/hospitals/h2/laboratory/patients/${h.ada}/results`, 'physician', ['h2']);
    expect(results.body.items).to.deep.equal([]);
    const criticals = await get('/hospitals/h2/laboratory/critical-results', 'physician', ['h2']);
    expect(criticals.body.items.map((i: { orderId: string }) => i.orderId)).not.to.include(h.labOrderId);
  });

  it('answers turnaround statistics (none released yet in the seed)', async () => {
    const res = await get('/hospitals/h1/laboratory/turnaround', 'lab_supervisor');
    expect(res.status).to.equal(200);
    expect(res.body).to.deep.equal({ from: '2024-12-16T09:00:00.000Z', to: now.toISOString(), items: [] });
  });

  it('computes nearest-rank p50/p90 per test and priority, and counts results within target', () => {
    expect(percentile([], 50)).to.equal(null);
    expect(percentile([5, 1, 3, 2, 4], 50)).to.equal(3);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).to.equal(9);
    const item = (orderToFinal: number) => ({
      testCode: '2823-3',
      testName: 'Potassium',
      priority: 'stat',
      turnaroundTargetMinutes: 60,
      orderedAt: '2025-01-01T00:00:00.000Z',
      collectedAt: '2025-01-01T00:10:00.000Z',
      receivedAt: '2025-01-01T00:20:00.000Z',
      finalAt: new Date(Date.parse('2025-01-01T00:00:00.000Z') + orderToFinal * 60_000).toISOString(),
    });
    const [stats] = turnaroundStatistics([item(30), item(50), item(90)]);
    expect(stats).to.deep.include({
      count: 3,
      withinTarget: 2,
      orderToCollection: { p50: 10, p90: 10 },
      orderToFinal: { p50: 50, p90: 90 },
      receiptToFinal: { p50: 30, p90: 70 },
    });
  });
});
