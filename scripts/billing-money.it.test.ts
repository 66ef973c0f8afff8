import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BILLING_ACCOUNTS, BILLING_CLAIMS, BILLING_INVOICES, BILLING_SHIFTS } from '@chartline/kernel';
import { expect } from 'chai';
import { type DriveResult, driveWorkload } from './generate/drive.js';
import { generateWorkload } from './generate/workload.js';
import { type EmbeddedChartline, startEmbedded } from './start/embedded.js';

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** Stays billed after discharge (policy `warn`) in the first, before it (policy `refuse`) in the second. */
const WARN = 'gen-1';
const REFUSE = 'gen-2';
/** The hospital a stream belongs to: `<aggregate>-<hospital>.<id>`. */
const hospitalOf = (streamId: string) => streamId.slice(streamId.indexOf('-') + 1, streamId.lastIndexOf('.'));

/**
 * Billing's money balances over a generated month of two hospitals (the workload generator's month
 * through the embedded start: stays charged bed-days, lab orders and stock issues by charge
 * capture and invoiced — after discharge in one hospital, before it in the other, which refuses a
 * discharge with unbilled charges — partly paid or left outstanding; outpatient visits charged, invoiced and settled by every
 * route the module has — cash, a line credited and voided, a discount, a deposit allocated and its
 * excess refunded, a claim partly approved and remitted, a claim denied and the rest written off;
 * cashier shifts opened and closed). For every account, to the minor unit:
 *   charged = invoiced + unbilled + voided,
 *   invoiced (issued − credited) = paid + outstanding + written off (discounts included),
 *   received = paid + refunded + credit held (credit ≥ 0),
 * and each total equals what the event store's own events add up to. Every invoice's outstanding
 * amount is its total less credited, paid and written off; every claim's claimed amount is what
 * the payer paid plus the patient's responsibility; every shift closes with no variance (cash in
 * less refunds out); stock is charged at its lot's cost plus the markup; every refund, discount
 * and write-off was approved by someone other than its requester.
 */
describe('billing money balances over a generated month of a hospital', function () {
  this.timeout(600_000);
  const dir = mkdtempSync(join(tmpdir(), 'chartline-money-'));
  let chartline: EmbeddedChartline;
  let driven: DriveResult;

  before(async () => {
    chartline = await startEmbedded({ dataDir: dir, commandPort: 0, readPort: 0, log: () => undefined });
    const steps = generateWorkload({
      hospitals: 2,
      hospitalIds: [WARN, REFUSE],
      days: 30,
      seed: 'money-month',
      registrationsPerDay: 6,
      stayBilling: { refuseIn: [REFUSE] },
    });
    const result = await driveWorkload(steps, {
      baseUrl: chartline.commandUrl,
      tokenFor: (role, hospitalId) => chartline.mint({ sub: `generator-${role}`, role, hospitals: [hospitalId] }),
      runId: 'money-month',
    });
    expect(result.failures, 'the workload is valid').to.deep.equal([]);
    driven = result;
    // Charge capture and the projectors act after the commands: wait until the store and views are still.
    let head = -1;
    for (let still = 0; still < 5; ) {
      await new Promise((r) => setTimeout(r, 300));
      const now = await chartline.store.headPosition();
      still = now === head ? still + 1 : 0;
      head = now;
    }
  });

  after(async () => {
    await chartline?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('every account balances to the minor unit, and its totals are what its events add up to', async () => {
    const accounts = await chartline.readStore.collection(BILLING_ACCOUNTS).find({});
    const events = await chartline.store.readAll({ filter: { eventTypePrefixes: ['billing.'] } });
    expect(accounts.length, 'accounts in the month').to.be.greaterThan(10);
    const of = (accountId: string, type: string) =>
      events.filter((e) => e.type === type && e.data['accountId'] === accountId).map((e) => e.data);
    const amounts = (rows: readonly Record<string, unknown>[], field = 'amount') =>
      sum(rows.map((d) => Number(d[field])));
    let invoicedMonth = 0;
    for (const account of accounts) {
      const id = String(account['accountId']);
      const t = account['totals'] as Record<string, number>;
      expect(t['charged'], id).to.equal(t['invoiced']! + t['unbilled']! + t['voided']!);
      expect(t['invoiced'], id).to.equal(t['paid']! + t['outstanding']! + t['writtenOff']!);
      expect(t['received'], id).to.be.at.least(t['paid']! + t['refunded']!);
      const charged = amounts(of(id, 'billing.ChargeCaptured'), 'totalAmount');
      const issued = amounts(of(id, 'billing.InvoiceIssued'), 'totalAmount');
      const credited = amounts(of(id, 'billing.CreditNoteIssued'), 'totalAmount');
      const paid = amounts(of(id, 'billing.PaymentAllocated'));
      const received = amounts(of(id, 'billing.PaymentReceived'));
      const requests = new Map(of(id, 'billing.AdjustmentRequested').map((d) => [String(d['adjustmentId']), d]));
      const approved = of(id, 'billing.AdjustmentApproved').map((d) => requests.get(String(d['adjustmentId']))!);
      const writtenOff = amounts(approved.filter((d) => d['kind'] !== 'refund'));
      const refunded = amounts(of(id, 'billing.RefundPaidOut').map((d) => requests.get(String(d['adjustmentId']))!));
      const outstanding = issued - credited - paid - writtenOff;
      expect(
        {
          charged: t['charged'],
          invoiced: t['invoiced'],
          paid: t['paid'],
          received: t['received'],
          writtenOff: t['writtenOff'],
          refunded: t['refunded'],
          outstanding: t['outstanding'],
        },
        id,
      ).to.deep.equal({ charged, invoiced: issued - credited, paid, received, writtenOff, refunded, outstanding });
      expect(received - paid - refunded, `${id}: credit held`).to.be.at.least(0);
      invoicedMonth += issued - credited;
    }
    expect(invoicedMonth, 'money invoiced in the month').to.be.greaterThan(0);
    for (const invoice of await chartline.readStore.collection(BILLING_INVOICES).find({ kind: 'invoice' })) {
      const n = (f: string) => Number(invoice[f] ?? 0);
      expect(n('outstanding'), String(invoice['documentId'])).to.equal(
        n('totalAmount') - n('credited') - n('paid') - n('writtenOff'),
      );
    }
  });

  it('the month went through every money route, each by its rules', async () => {
    const events = await chartline.store.readAll({
      filter: { eventTypePrefixes: ['billing.', 'inventory.', 'laboratory.LabTestOrdered'] },
    });
    const data = (type: string) => events.filter((e) => e.type === type).map((e) => e.data);
    const count = (type: string, where: (d: Record<string, unknown>) => boolean = () => true) =>
      data(type).filter(where).length;
    const requests = new Map(data('billing.AdjustmentRequested').map((d) => [String(d['adjustmentId']), d]));
    const kinds = data('billing.AdjustmentApproved').map((d) => requests.get(String(d['adjustmentId']))!['kind']);
    const outcomes = data('billing.ClaimAdjudicated').map((d) => d['outcome']);
    expect({
      labCharges: count('billing.ChargeCaptured', (d) => d['source'] === 'lab_order') > 0,
      stockCharges: count('billing.ChargeCaptured', (d) => d['source'] === 'stock_issue') > 0,
      bedDays: count('billing.ChargeCaptured', (d) => d['source'] === 'bed_day') > 0,
      creditNotes: count('billing.CreditNoteIssued') > 0,
      voided: count('billing.ChargeVoided') > 0,
      deposits: count('billing.PaymentReceived', (d) => d['purpose'] === 'deposit') > 0,
      refunds: count('billing.RefundPaidOut') > 0,
      discounts: kinds.includes('discount'),
      writeOffs: kinds.includes('write_off'),
      partlyApproved: outcomes.includes('partly_approved'),
      denied: outcomes.includes('denied'),
      remittances: count('billing.RemittancePosted') > 0,
    }).to.deep.equal({
      labCharges: true,
      stockCharges: true,
      bedDays: true,
      creditNotes: true,
      voided: true,
      deposits: true,
      refunds: true,
      discounts: true,
      writeOffs: true,
      partlyApproved: true,
      denied: true,
      remittances: true,
    });
    // Four eyes: nobody approved their own request.
    for (const approval of data('billing.AdjustmentApproved')) {
      const request = requests.get(String(approval['adjustmentId']))!;
      expect(approval['approvedBy'], String(approval['adjustmentId'])).not.to.equal(request['requestedBy']);
    }
    // Charge capture charged every lab order on a stay and every stock issue to one, each once.
    const sources = data('billing.ChargeCaptured').map((d) => String(d['sourceId']));
    const clinical = events.filter(
      (e) =>
        e.type === 'inventory.StockIssuedToPatient' ||
        (e.type === 'laboratory.LabTestOrdered' && e.data['stayId'] !== null && e.data['stayId'] !== undefined),
    );
    expect(clinical.length, 'clinical events charged in the month').to.be.greaterThan(0);
    for (const e of clinical) {
      expect(
        sources.filter((s) => s === e.eventId),
        `${e.type} ${e.eventId}`,
      ).to.have.length(1);
    }
    // Stock at its lot's cost plus the price list's 25 % markup (rounded half away from zero).
    const issues = new Map(
      events.filter((e) => e.type === 'inventory.StockIssuedToPatient').map((e) => [e.eventId, e.data]),
    );
    for (const charge of data('billing.ChargeCaptured').filter((d) => d['source'] === 'stock_issue')) {
      const cost = Number(issues.get(String(charge['sourceId']))?.['unitCostMinor']);
      expect(Number(charge['unitPrice']), String(charge['chargeId'])).to.equal(cost + Math.round(cost * 0.25));
    }
    for (const claim of await chartline.readStore.collection(BILLING_CLAIMS).find({ status: 'remitted' })) {
      expect(Number(claim['claimedAmount']), String(claim['claimId'])).to.equal(
        Number(claim['paidAmount']) + Number(claim['patientResponsibility']),
      );
    }
    const shifts = await chartline.readStore.collection(BILLING_SHIFTS).find({ status: 'closed' });
    expect(shifts.length, 'a shift a day in each hospital').to.be.at.least(60);
    for (const shift of shifts) {
      expect(shift['variance'], String(shift['shiftId'])).to.equal(0);
      const taken = shift['takenIn'] as Record<string, number>;
      const out = shift['paidOut'] as Record<string, number>;
      expect(shift['expectedCash'], String(shift['shiftId'])).to.equal(
        Number(shift['openingFloat']) + taken['cash']! - out['cash']!,
      );
    }
  });

  it('invoices stays: after discharge, or before it where unbilled discharges are refused', async () => {
    const events = await chartline.store.readAll({
      filter: { eventTypePrefixes: ['billing.', 'admissions.PatientDischarged'] },
    });
    const stays = new Set(
      events
        .filter((e) => e.type === 'billing.AccountOpened' && e.data['kind'] === 'inpatient')
        .map((e) => String(e.data['accountId'])),
    );
    const invoicesOf = (stayId: string) =>
      events.filter((e) => e.type === 'billing.InvoiceIssued' && e.data['accountId'] === stayId);
    const discharges = events.filter((e) => e.type === 'admissions.PatientDischarged');
    const at = (h: string) => discharges.filter((e) => hospitalOf(e.streamId) === h);
    expect(at(WARN).length, `discharges in ${WARN}`).to.be.at.least(10);
    expect(at(REFUSE).length, `discharges in ${REFUSE}`).to.be.at.least(10);
    for (const discharge of discharges) {
      const stayId = String(discharge.data['stayId']);
      expect(stays.has(stayId), `stay ${stayId} has an account`).to.equal(true);
      const invoices = invoicesOf(stayId);
      if (hospitalOf(discharge.streamId) === WARN) {
        // Billed after it left: the final invoice, with every bed-day.
        expect(
          invoices.filter((i) => i.position > discharge.position).length,
          `${stayId} invoiced after discharge`,
        ).to.be.at.least(1);
      } else {
        // The guard let it go only with nothing unbilled: it was invoiced before.
        expect(discharge.data['unbilledCharges'], stayId).to.equal(0);
        expect(
          invoices.filter((i) => i.position < discharge.position).length,
          `${stayId} invoiced before discharge`,
        ).to.be.at.least(1);
      }
    }
    expect(driven.refusedAsExpected, 'discharges refused by the guard, then billed and discharged').to.be.at.least(3);
    // Stays' invoices are partly paid, or left outstanding for the receivables' aging.
    const stayInvoices = (await chartline.readStore.collection(BILLING_INVOICES).find({ kind: 'invoice' })).filter(
      (i) => stays.has(String(i['accountId'])),
    );
    expect(stayInvoices.filter((i) => Number(i['paid']) > 0).length, 'stay invoices paid').to.be.at.least(5);
    expect(stayInvoices.filter((i) => Number(i['outstanding']) > 0).length, 'stay invoices outstanding').to.be.at.least(
      5,
    );
  });
});
