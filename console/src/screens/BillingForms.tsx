import { useSession } from '../session/session.js';
import { useFocusOnProblem } from '../ui/check.js';
import { Field, formValues, ProblemNotice, useCommand } from '../ui/forms.js';
import { formatMoney, parseMoney } from '../ui/money.js';
import { billingKey, type Statement, useOpenShifts } from './billing-queries.js';

/**
 * A manual charge at the price in force (the price list decides the amount; an unknown service is
 * refused beside it), against the account as shown (If-Match: its revision; charge capture may have
 * charged it meanwhile, then the refusal refreshes the statement).
 */
export function CaptureCharge({ statement }: { statement: Statement }) {
  const { api, hospitalId } = useSession();
  const { account } = statement;
  const capture = useCommand(
    (v: Record<string, string>, key: string) =>
      api.command(
        '/hospitals/{hospitalId}/billing/capture-charge',
        hospitalId,
        {
          accountId: statement.account.accountId,
          serviceCode: v['serviceCode'] ?? '',
          quantity: v['quantity'] && /^\d+$/.test(v['quantity']) ? Number(v['quantity']) : Number.NaN,
        },
        { idempotencyKey: key, ifMatch: account.revision },
      ),
    [billingKey(hospitalId)],
  );
  const formRef = useFocusOnProblem(capture.problem);
  return (
    <form
      ref={formRef}
      aria-labelledby="capture-heading"
      onSubmit={(e) => {
        e.preventDefault();
        capture.mutate(formValues(e.currentTarget));
      }}
    >
      <h3 id="capture-heading">Capture a charge</h3>
      <Field
        label="Service code (from the price list, e.g. consultation)"
        name="serviceCode"
        required
        error={capture.fieldErrors['serviceCode']}
      />
      <Field label="Quantity" name="quantity" defaultValue="1" required error={capture.fieldErrors['quantity']} />
      <button type="submit" disabled={capture.isPending}>
        Capture charge
      </button>
      <ProblemNotice problem={capture.problem} />
    </form>
  );
}

/** An invoice of every unbilled charge, against the account as shown (If-Match: its revision). */
export function IssueInvoice({ statement }: { statement: Statement }) {
  const { api, hospitalId } = useSession();
  const { account } = statement;
  const issue = useCommand(
    (_: undefined, key: string) =>
      api.command(
        '/hospitals/{hospitalId}/billing/issue-invoice',
        hospitalId,
        { accountId: account.accountId },
        { idempotencyKey: key, ifMatch: account.revision },
      ),
    [billingKey(hospitalId)],
  );
  return (
    <section aria-labelledby="invoice-heading">
      <h3 id="invoice-heading">Issue an invoice</h3>
      <p>
        {account.totals.unbilled > 0
          ? `Every charge not invoiced yet: ${formatMoney(account.totals.unbilled, account.currency)}.`
          : 'Nothing to invoice.'}
      </p>
      <button
        type="button"
        onClick={() => issue.mutate(undefined)}
        disabled={issue.isPending || account.totals.unbilled === 0}
      >
        Issue invoice
      </button>
      <ProblemNotice problem={issue.problem} />
    </section>
  );
}

/**
 * A payment taken in the cashier's open shift (opened here if there is none), allocated to an
 * invoice or the oldest, against the account as shown (If-Match: its revision, so money is not
 * taken against a balance that has changed since it was read).
 */
export function TakePayment({ statement }: { statement: Statement }) {
  const { api, hospitalId } = useSession();
  const { account } = statement;
  const shifts = useOpenShifts(true);
  const open = useCommand(
    (v: Record<string, string>, key: string) =>
      api.command(
        '/hospitals/{hospitalId}/billing/open-cashier-shift',
        hospitalId,
        { openingFloat: parseMoney(v['openingFloat'] ?? '', account.currency) ?? Number.NaN },
        { idempotencyKey: key },
      ),
    [billingKey(hospitalId)],
  );
  const pay = useCommand(
    (v: Record<string, string>, key: string) =>
      api.command(
        '/hospitals/{hospitalId}/billing/take-payment',
        hospitalId,
        {
          accountId: account.accountId,
          shiftId: v['shiftId'] ?? '',
          method: (v['method'] ?? 'cash') as 'cash',
          amount: parseMoney(v['amount'] ?? '', account.currency) ?? Number.NaN,
          ...(v['invoiceId'] ? { invoiceId: v['invoiceId'] } : {}),
        },
        { idempotencyKey: key, ifMatch: account.revision },
      ),
    [billingKey(hospitalId)],
  );
  const openRef = useFocusOnProblem(open.problem);
  const payRef = useFocusOnProblem(pay.problem);
  const openShifts = shifts.data ?? [];
  const invoices = statement.invoices.filter((i) => i.kind === 'invoice' && i.outstanding > 0);
  return (
    <div>
      {shifts.data && openShifts.length === 0 ? (
        <form
          ref={openRef}
          aria-labelledby="shift-heading"
          onSubmit={(e) => {
            e.preventDefault();
            open.mutate(formValues(e.currentTarget));
          }}
        >
          <h3 id="shift-heading">Open a cashier shift</h3>
          <Field
            label={`Cash in the drawer (${account.currency})`}
            name="openingFloat"
            required
            error={open.fieldErrors['openingFloat']}
          />
          <button type="submit" disabled={open.isPending}>
            Open shift
          </button>
          <ProblemNotice problem={open.problem} />
        </form>
      ) : null}
      {openShifts.length > 0 ? (
        <form
          ref={payRef}
          aria-labelledby="payment-heading"
          onSubmit={(e) => {
            e.preventDefault();
            pay.mutate(formValues(e.currentTarget));
          }}
        >
          <h3 id="payment-heading">Take a payment</h3>
          <Field
            label="Shift"
            name="shiftId"
            options={openShifts.map(
              (s) => [s.shiftId, `opened ${new Date(s.openedAt).toLocaleString()} by ${s.cashierId}`] as const,
            )}
            error={pay.fieldErrors['shiftId']}
          />
          <Field
            label="Method"
            name="method"
            options={[
              ['cash', 'Cash'],
              ['card', 'Card'],
              ['transfer', 'Bank transfer'],
            ]}
          />
          <Field
            label={`Amount (${account.currency})`}
            name="amount"
            required
            defaultValue={
              account.totals.outstanding > 0 ? formatAmount(account.totals.outstanding, account.currency) : ''
            }
            error={pay.fieldErrors['amount']}
          />
          <Field
            label="Invoice"
            name="invoiceId"
            options={[
              ['', 'Oldest open invoices first'],
              ...invoices.map(
                (i) =>
                  [i.documentId, `Invoice ${i.number}, ${formatMoney(i.outstanding, i.currency)} outstanding`] as const,
              ),
            ]}
            error={pay.fieldErrors['invoiceId']}
          />
          <button type="submit" disabled={pay.isPending}>
            Take payment
          </button>
          <ProblemNotice problem={pay.problem} />
          {pay.lastOk && !pay.problem ? <p role="status">Payment recorded.</p> : null}
        </form>
      ) : null}
    </div>
  );
}

/** Minor units as the figure a person types back (no currency sign, no grouping). */
function formatAmount(minor: number, currency: string): string {
  const d = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  return (minor / 10 ** d).toFixed(d);
}
