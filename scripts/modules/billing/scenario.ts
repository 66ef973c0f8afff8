import type { ModuleScenario } from '../../e2e/scenario-context.js';

const PRICE = 5_000;
const FLOAT = 10_000;

/**
 * Billing's part: the supervisor prices a consultation and a cashier opens a shift; the patient's
 * outpatient account is charged, invoiced, partly paid in cash, and the rest discounted (asked by a
 * clerk, approved by the supervisor); the shift closes with the cash counted. The statement then
 * balances to the minor unit (charged = invoiced + unbilled + voided; invoiced = paid + outstanding
 * + written off) and the cash report shows the shift.
 */
export const billingScenario: ModuleScenario = {
  setUp: ({ command, ids }) => {
    it('prices a consultation and opens a cashier shift', async () => {
      await command('billing_supervisor', 'billing/set-service-price', {
        serviceCode: 'e2e-consultation',
        kind: 'procedure',
        description: 'Outpatient consultation',
        unitPrice: PRICE,
        effectiveFrom: '2000-01-01',
      });
      ids['shift'] = String(
        (await command('cashier', 'billing/open-cashier-shift', { openingFloat: FLOAT })).body['id'],
      );
    });
  },

  care: ({ expect, command, read, ids, audited, hospitalId }) => {
    it('charges, invoices, takes a payment and approves a discount for the rest; the shift closes counted', async () => {
      const accountId = String(
        (await command('billing_clerk', 'billing/open-outpatient-account', { patientId: ids['patient'] })).body['id'],
      );
      ids['account'] = accountId;
      await command('billing_clerk', 'billing/capture-charge', { accountId, serviceCode: 'e2e-consultation' });
      await command('billing_clerk', 'billing/issue-invoice', { accountId });
      await command('cashier', 'billing/take-payment', {
        accountId,
        shiftId: ids['shift'],
        method: 'cash',
        amount: 3_000,
      });
      const invoices = await read('billing_clerk', `billing/invoices?accountId=${accountId}`);
      const [invoice] = invoices['items'] as { documentId: string; outstanding: number }[];
      expect(invoice?.outstanding).to.equal(PRICE - 3_000);
      await command('billing_clerk', 'billing/request-adjustment', {
        accountId,
        kind: 'discount',
        invoiceId: invoice!.documentId,
        amount: PRICE - 3_000,
        reason: 'hardship',
      });
      const pending = await read('billing_clerk', `billing/accounts/${accountId}/statement`);
      const [adjustmentId] = Object.keys((pending['account'] as { adjustments: object }).adjustments);
      await command('billing_supervisor', 'billing/approve-adjustment', { accountId, adjustmentId });
      await command('cashier', 'billing/close-cashier-shift', { shiftId: ids['shift'], countedCash: FLOAT + 3_000 });
      audited.push({
        stream: `account-${hospitalId()}.${accountId}`,
        types: [
          'billing.AccountOpened',
          'billing.ChargeCaptured',
          'billing.InvoiceIssued',
          'billing.PaymentReceived',
          'billing.PaymentAllocated',
          'billing.AdjustmentRequested',
          'billing.AdjustmentApproved',
        ],
      });
    });
  },

  reads: ({ expect, read, ids }) => {
    it('reads a statement that balances to the minor unit, the invoice paid', async () => {
      const statement = await read('billing_clerk', `billing/accounts/${ids['account']}/statement`);
      const totals = (statement['account'] as { totals: Record<string, number> }).totals;
      expect(totals).to.include({ charged: PRICE, invoiced: PRICE, paid: 3_000, writtenOff: PRICE - 3_000 });
      expect(totals['charged']).to.equal(totals['invoiced']! + totals['unbilled']! + totals['voided']!);
      expect(totals['invoiced']).to.equal(totals['paid']! + totals['outstanding']! + totals['writtenOff']!);
      const [invoice] = statement['invoices'] as { status: string; outstanding: number }[];
      expect(invoice).to.include({ status: 'paid', outstanding: 0 });
    });
  },
};
