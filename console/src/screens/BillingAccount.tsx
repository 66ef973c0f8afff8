import { useCan } from '../session/can.js';
import { useSession } from '../session/session.js';
import { ProblemNotice, readableOf } from '../ui/forms.js';
import { formatMoney } from '../ui/money.js';
import { href } from '../ui/nav.js';
import { CaptureCharge, IssueInvoice, TakePayment } from './BillingForms.js';
import { type Statement, useStatement } from './billing-queries.js';

const TOTALS: readonly (readonly [keyof Statement['account']['totals'], string])[] = [
  ['charged', 'Charged'],
  ['unbilled', 'Not invoiced yet'],
  ['invoiced', 'Invoiced'],
  ['paid', 'Paid'],
  ['outstanding', 'Outstanding'],
  ['received', 'Received'],
];

/** A patient's account: totals, charges, invoices and payments; charge, invoice and take payment as the role may. */
export function BillingAccount({ accountId }: { accountId: string }) {
  const can = useCan();
  const { hospitalId } = useSession();
  const statement = useStatement(accountId);
  const s = statement.data;
  const problem = readableOf(statement.error);
  if (!s) {
    return (
      <div>
        <h2>Account</h2>
        {problem?.status === 404 ? (
          <p role="status">
            No such account (yet). A stay’s account opens right after the admission: looking again every few seconds.
          </p>
        ) : (
          <ProblemNotice problem={problem} />
        )}
      </div>
    );
  }
  const { account } = s;
  const money = (minor: number) => formatMoney(minor, account.currency);
  return (
    <div>
      <h2>
        {account.kind === 'inpatient' ? 'Stay account' : 'Outpatient account'}{' '}
        <span className="muted">opened {new Date(account.openedAt).toLocaleDateString()}</span>
      </h2>
      {can('get /hospitals/{hospitalId}/audit/streams/{streamId}/events') ? (
        // Auditors come here from the invoice list: from the account to the histories behind it.
        <p>
          <a href={href('audit', `account-${hospitalId}.${account.accountId}`)}>This account’s history</a>
          {' · '}
          <a href={href('audit', `patient-${hospitalId}.${account.patientId}`)}>The patient’s record: its history</a>
        </p>
      ) : null}
      <dl className="banner-facts" aria-label="Account totals">
        {TOTALS.map(([key, label]) => (
          <div key={key} className="total">
            <dt>{label}</dt>
            <dd data-total={key}>{money(account.totals[key])}</dd>
          </div>
        ))}
      </dl>
      <div className="columns">
        <div>
          <section aria-labelledby="charges-heading">
            <h3 id="charges-heading">Charges</h3>
            {s.charges.length === 0 ? (
              <p>No charges.</p>
            ) : (
              <table>
                <caption>Charges, with their status</caption>
                <thead>
                  <tr>
                    <th scope="col">Service</th>
                    <th scope="col">Date</th>
                    <th scope="col">Quantity</th>
                    <th scope="col">Total</th>
                    <th scope="col">Status</th>
                  </tr>
                </thead>
                <tbody>
                  {s.charges.map((c) => (
                    <tr key={c.chargeId}>
                      <td>{c.description}</td>
                      <td>{c.serviceDate}</td>
                      <td>{c.quantity}</td>
                      <td>{money(c.totalAmount)}</td>
                      <td>{c.status.replaceAll('_', ' ')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <section aria-labelledby="account-invoices-heading">
            <h3 id="account-invoices-heading">Invoices</h3>
            {s.invoices.length === 0 ? (
              <p>No invoices.</p>
            ) : (
              <table>
                <caption>Invoices and credit notes of this account</caption>
                <thead>
                  <tr>
                    <th scope="col">Number</th>
                    <th scope="col">Total</th>
                    <th scope="col">Outstanding</th>
                    <th scope="col">Status</th>
                  </tr>
                </thead>
                <tbody>
                  {s.invoices.map((i) => (
                    <tr key={i.documentId}>
                      <td>
                        {i.kind === 'credit_note' ? 'Credit note' : 'Invoice'} {i.number}
                      </td>
                      <td>{money(i.totalAmount)}</td>
                      <td>{money(i.outstanding)}</td>
                      <td>{i.status.replaceAll('_', ' ')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <section aria-labelledby="payments-heading">
            <h3 id="payments-heading">Payments</h3>
            {s.payments.length === 0 ? (
              <p>No payments.</p>
            ) : (
              <table>
                <caption>Payments received</caption>
                <thead>
                  <tr>
                    <th scope="col">Received</th>
                    <th scope="col">Method</th>
                    <th scope="col">Amount</th>
                    <th scope="col">Allocated</th>
                  </tr>
                </thead>
                <tbody>
                  {s.payments.map((p) => (
                    <tr key={p.paymentId}>
                      <td>{new Date(p.receivedAt).toLocaleString()}</td>
                      <td>{p.method}</td>
                      <td>{money(p.amount)}</td>
                      <td>{money(p.allocated)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </div>
        <div>
          {can('post /hospitals/{hospitalId}/billing/capture-charge') ? <CaptureCharge statement={s} /> : null}
          {can('post /hospitals/{hospitalId}/billing/issue-invoice') ? <IssueInvoice statement={s} /> : null}
          {can('post /hospitals/{hospitalId}/billing/take-payment') ? <TakePayment statement={s} /> : null}
        </div>
      </div>
    </div>
  );
}
