import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BILLING_ACCOUNTS, BILLING_INVOICES } from '@chartline/kernel';
import { expect } from 'chai';
import { driveWorkload } from './generate/drive.js';
import { generateWorkload } from './generate/workload.js';
import { type EmbeddedChartline, startEmbedded } from './start/embedded.js';

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/**
 * Billing's money balances over a generated month of a hospital (the workload generator's month
 * through the embedded start: stays charged bed-days by charge capture, outpatient consultations
 * charged, invoiced and paid in cash, cashier shifts opened and closed). For every account the read
 * model holds charged = invoiced + unbilled + voided and invoiced = paid + outstanding + written off,
 * to the minor unit, and each total equals what the event store's own events add up to; every
 * invoice's outstanding amount is its total less credited, paid and written off.
 */
describe('billing money balances over a generated month of a hospital', function () {
  this.timeout(600_000);
  const dir = mkdtempSync(join(tmpdir(), 'chartline-money-'));
  let chartline: EmbeddedChartline;

  before(async () => {
    chartline = await startEmbedded({ dataDir: dir, commandPort: 0, readPort: 0, log: () => undefined });
    const steps = generateWorkload({ hospitals: 1, days: 30, seed: 'money-month', registrationsPerDay: 6 });
    const result = await driveWorkload(steps, {
      baseUrl: chartline.commandUrl,
      tokenFor: (role, hospitalId) => chartline.mint({ sub: `generator-${role}`, role, hospitals: [hospitalId] }),
      runId: 'money-month',
    });
    expect(result.failures, 'the workload is valid').to.deep.equal([]);
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
    let invoicedMonth = 0;
    for (const account of accounts) {
      const id = String(account['accountId']);
      const t = account['totals'] as Record<string, number>;
      expect(t['charged'], id).to.equal(t['invoiced']! + t['unbilled']! + t['voided']!);
      expect(t['invoiced'], id).to.equal(t['paid']! + t['outstanding']! + t['writtenOff']!);
      const charged = sum(of(id, 'billing.ChargeCaptured').map((d) => Number(d['totalAmount'])));
      const invoiced =
        sum(of(id, 'billing.InvoiceIssued').map((d) => Number(d['totalAmount']))) -
        sum(of(id, 'billing.CreditNoteIssued').map((d) => Number(d['totalAmount'])));
      const paid = sum(of(id, 'billing.PaymentAllocated').map((d) => Number(d['amount'])));
      const received = sum(of(id, 'billing.PaymentReceived').map((d) => Number(d['amount'])));
      expect(
        { charged: t['charged'], invoiced: t['invoiced'], paid: t['paid'], received: t['received'] },
        id,
      ).to.deep.equal({ charged, invoiced, paid, received });
      invoicedMonth += invoiced;
    }
    expect(invoicedMonth, 'money invoiced in the month').to.be.greaterThan(0);
    for (const invoice of await chartline.readStore.collection(BILLING_INVOICES).find({ kind: 'invoice' })) {
      const n = (f: string) => Number(invoice[f] ?? 0);
      expect(n('outstanding'), String(invoice['documentId'])).to.equal(
        n('totalAmount') - n('credited') - n('paid') - n('writtenOff'),
      );
    }
  });
});
