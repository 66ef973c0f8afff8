import { expect } from 'chai';
import request from 'supertest';
import { v7 as uuidv7 } from 'uuid';
// Test-only reach into the projections, as ../testing/hospital.ts does: the read models are written
// by the real projection from real sealed events, never hand-written documents.
import { HospitalHistory } from '../../../projections/src/testing/hospital-history.js';
import { createReadApp } from '../server/app.js';
import { memoryStores, project, type Stores, tokens } from '../testing/hospital.js';
import { accountShape, chargeShape, claimShape, invoiceShape, paymentShape, shiftShape } from './routes.js';

const T = '2025-03-01T08:30:00.000Z';

describe('billing read routes', () => {
  const auth = tokens();
  const acc = uuidv7();
  const patient = uuidv7();
  const [c1, c2, inv, pay, shift, claim, payer] = [
    uuidv7(),
    uuidv7(),
    uuidv7(),
    uuidv7(),
    uuidv7(),
    uuidv7(),
    uuidv7(),
  ];
  let stores: Stores;
  let app: ReturnType<typeof createReadApp>;

  before(async () => {
    stores = memoryStores();
    const h = new HospitalHistory(stores.eventStore, stores.keys, 'h1');
    const onAccount = (type: string, data: Record<string, unknown>) => h.append(`billing.${type}`, acc, data);
    await onAccount('AccountOpened', {
      accountId: acc,
      patientId: patient,
      kind: 'inpatient',
      stayId: acc,
      currency: 'EUR',
      openedAt: T,
    });
    for (const chargeId of [c1, c2]) {
      await onAccount('ChargeCaptured', {
        accountId: acc,
        chargeId,
        source: 'bed_day',
        sourceId: `${acc}:2025-03-01`,
        serviceCode: 'bed-day:medical',
        description: 'Bed-day',
        quantity: 1,
        unitPrice: 30000,
        netAmount: 30000,
        taxBasisPoints: 0,
        taxAmount: 0,
        totalAmount: 30000,
        currency: 'EUR',
        serviceDate: '2025-03-01',
        capturedAt: T,
      });
    }
    await onAccount('InvoiceIssued', {
      accountId: acc,
      invoiceId: inv,
      invoiceNumber: 1,
      correctsInvoiceId: null,
      chargeIds: [c1],
      netAmount: 30000,
      taxAmount: 0,
      totalAmount: 30000,
      currency: 'EUR',
      // 45 days before the asOf the aging test uses.
      issuedAt: '2025-01-15T00:00:00.000Z',
    });
    await onAccount('CoverageRecorded', { accountId: acc, payerId: payer, recordedAt: T });
    await onAccount('ClaimSubmitted', {
      accountId: acc,
      claimId: claim,
      payerId: payer,
      invoiceId: inv,
      chargeIds: [c1],
      claimedAmount: 30000,
      submittedAt: T,
    });
    await onAccount('PaymentReceived', {
      accountId: acc,
      paymentId: pay,
      method: 'cash',
      purpose: 'deposit',
      amount: 5000,
      shiftId: shift,
      claimId: null,
      receivedAt: T,
    });
    await h.append('billing.CashierShiftOpened', shift, {
      shiftId: shift,
      cashierId: 'cashier-1',
      openingFloat: 1000,
      currency: 'EUR',
      openedAt: T,
    });
    await h.append('billing.ShiftMoneyRecorded', shift, {
      shiftId: shift,
      accountId: acc,
      movementId: pay,
      direction: 'in',
      method: 'cash',
      amount: 5000,
      recordedAt: T,
    });
    await project(stores);
    app = createReadApp({ ...stores, auth: auth.auth, consistency: { timeoutMs: 300, pollMs: 10 } });
  });

  const get = async (path: string, hospitals = ['h1'], role = 'billing_clerk') =>
    request(app)
      .get(path)
      .set('Authorization', `Bearer ${await auth.mint(role, hospitals)}`);

  it('the statement shows the account, its charges, invoices and payments in their documented shapes', async () => {
    const res = await get(`/hospitals/h1/billing/accounts/${acc}/statement`);
    expect(res.status).to.equal(200);
    accountShape.strict().parse(res.body.account);
    for (const c of res.body.charges) chargeShape.strict().parse(c);
    for (const i of res.body.invoices) invoiceShape.strict().parse(i);
    for (const p of res.body.payments) paymentShape.strict().parse(p);
    expect(res.body.account.totals).to.include({
      charged: 60000,
      unbilled: 30000,
      invoiced: 30000,
      outstanding: 30000,
    });
    expect(res.body.charges.map((c: { chargeId: string }) => c.chargeId).sort()).to.deep.equal([c1, c2].sort());
    expect(res.body.payments[0]).to.include({ purpose: 'deposit', amount: 5000, allocated: 0 });
  });

  it('leaves an access event on the patient’s access log for the statement and the unbilled charges, not for a 404', async () => {
    const accesses = async () =>
      (await stores.eventStore.readStream(`access-h1.${patient}`).catch(() => [])).map((r) => [
        r.data['view'],
        r.data['route'],
      ]);
    const before = (await accesses()).length;
    await get(`/hospitals/h1/billing/accounts/${acc}/statement`);
    await get(`/hospitals/h1/billing/stays/${acc}/unbilled-charges`);
    await get(`/hospitals/h1/billing/accounts/${uuidv7()}/statement`);
    await get(`/hospitals/h1/billing/stays/${uuidv7()}/unbilled-charges`);
    expect((await accesses()).slice(before)).to.deep.equal([
      ['billing_statement', 'GET /hospitals/:hospitalId/billing/accounts/:accountId/statement'],
      ['billing_statement', 'GET /hospitals/:hospitalId/billing/stays/:stayId/unbilled-charges'],
    ]);
  });

  it('404 for an account that does not exist', async () => {
    expect((await get(`/hospitals/h1/billing/accounts/${uuidv7()}/statement`)).status).to.equal(404);
  });

  it('lists the stay’s unbilled charges only', async () => {
    const res = await get(`/hospitals/h1/billing/stays/${acc}/unbilled-charges`);
    expect(res.status).to.equal(200);
    expect(res.body.items.map((c: { chargeId: string }) => c.chargeId)).to.deep.equal([c2]);
  });

  it('lists invoices with their status, filtered by status', async () => {
    const open = await get('/hospitals/h1/billing/invoices?status=open');
    expect(open.body.items).to.have.length(1);
    invoiceShape.strict().parse(open.body.items[0]);
    expect(open.body.items[0]).to.include({ number: 1, outstanding: 30000, payerExpected: 30000, payerId: payer });
    expect((await get('/hospitals/h1/billing/invoices?status=paid')).body.items).to.deep.equal([]);
  });

  it('ages receivables per hospital and per payer (the claimed part is the payer’s)', async () => {
    const res = await get('/hospitals/h1/billing/ar-aging?asOf=2025-03-01T00:00:00Z');
    expect(res.status).to.equal(200);
    expect(res.body.hospital).to.deep.equal({
      days_0_30: 0,
      days_31_60: 30000,
      days_61_90: 0,
      over_90: 0,
      total: 30000,
    });
    expect(res.body.payers).to.deep.equal([
      { payerId: payer, days_0_30: 0, days_31_60: 30000, days_61_90: 0, over_90: 0, total: 30000 },
    ]);
  });

  it('the daily cash report lists the day’s shifts with money per method', async () => {
    const res = await get(
      '/hospitals/h1/billing/cash-report?from=2025-03-01T00:00:00Z&to=2025-03-02T00:00:00Z',
      ['h1'],
      'cashier',
    );
    expect(res.status).to.equal(200);
    shiftShape.strict().parse(res.body.shifts[0]);
    expect(res.body.shifts[0]).to.include({ expectedCash: 6000, status: 'open' });
    expect(res.body.totals).to.deep.equal({ cash: 5000, card: 0, transfer: 0, cashPaidOut: 0, variance: 0 });
  });

  it('lists claims by status', async () => {
    const res = await get('/hospitals/h1/billing/claims?status=submitted');
    expect(res.body.items).to.have.length(1);
    claimShape.strict().parse(res.body.items[0]);
    expect((await get('/hospitals/h1/billing/claims?status=denied')).body.items).to.deep.equal([]);
  });

  it('another hospital’s token sees nothing of it', async () => {
    expect((await get(`/hospitals/h2/billing/accounts/${acc}/statement`, ['h2'])).status).to.equal(404);
    expect((await get('/hospitals/h2/billing/invoices', ['h2'])).body.items).to.deep.equal([]);
    expect((await get('/hospitals/h1/billing/invoices', ['h2'])).status).to.equal(403);
  });

  it('a role outside billing is refused with 403', async () => {
    expect((await get('/hospitals/h1/billing/invoices', ['h1'], 'nurse')).status).to.equal(403);
  });
});
