import { useState } from 'react';
import { ProblemNotice, readableOf } from '../ui/forms.js';
import { formatMoney } from '../ui/money.js';
import { href } from '../ui/nav.js';
import { BillingAccount } from './BillingAccount.js';
import { type InvoiceStatus, useInvoices } from './billing-queries.js';

const STATUSES: readonly (readonly [InvoiceStatus | '', string])[] = [
  ['', 'Every status'],
  ['open', 'Open (nothing paid)'],
  ['partially_paid', 'Partially paid'],
  ['paid', 'Paid'],
  ['credited', 'Credited'],
  ['written_off', 'Written off'],
];

/** Billing: `#/billing` the invoice list (and an account by its id), `#/billing/account/<accountId>` an account. */
export function Billing({ view, arg }: { view: string | undefined; arg: string | undefined }) {
  if (view === 'account' && arg) return <BillingAccount accountId={arg} />;
  return <Invoices />;
}

function Invoices() {
  const [status, setStatus] = useState<InvoiceStatus | ''>('');
  const invoices = useInvoices(status || undefined);
  const items = invoices.data?.items ?? [];
  return (
    <div>
      <form
        className="inline"
        aria-label="Open an account"
        onSubmit={(e) => {
          e.preventDefault();
          const id = new FormData(e.currentTarget).get('accountId');
          if (typeof id === 'string' && id.trim()) location.hash = href('billing', 'account', id.trim());
        }}
      >
        <label htmlFor="account-id">Account number (a stay’s: the stay number on the patient’s record)</label>
        <input id="account-id" name="accountId" size={38} />
        <button type="submit">Open account</button>
      </form>
      <section aria-labelledby="invoices-heading">
        <h2 id="invoices-heading">Invoices and credit notes</h2>
        <div className="inline">
          <label htmlFor="invoice-status">Status</label>
          <select
            id="invoice-status"
            value={status}
            onChange={(e) => setStatus(e.currentTarget.value as InvoiceStatus | '')}
          >
            {STATUSES.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <ProblemNotice problem={readableOf(invoices.error)} />
        {invoices.data && items.length === 0 ? <p role="status">No invoice.</p> : null}
        {items.length > 0 ? (
          <table>
            <caption>Newest first{invoices.data?.nextCursor ? ' (the first 100)' : ''}</caption>
            <thead>
              <tr>
                <th scope="col">Number</th>
                <th scope="col">Kind</th>
                <th scope="col">Issued</th>
                <th scope="col">Total</th>
                <th scope="col">Outstanding</th>
                <th scope="col">Status</th>
                <th scope="col">Account</th>
              </tr>
            </thead>
            <tbody>
              {items.map((i) => (
                <tr key={i.documentId}>
                  <td>{i.number}</td>
                  <td>{i.kind === 'credit_note' ? 'credit note' : 'invoice'}</td>
                  <td>{new Date(i.issuedAt).toLocaleString()}</td>
                  <td>{formatMoney(i.totalAmount, i.currency)}</td>
                  <td>{formatMoney(i.outstanding, i.currency)}</td>
                  <td>{i.status.replaceAll('_', ' ')}</td>
                  <td>
                    <a href={href('billing', 'account', i.accountId)}>account</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
    </div>
  );
}
