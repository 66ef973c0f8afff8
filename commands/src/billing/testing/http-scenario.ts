import { expect } from 'chai';
import request from 'supertest';
import { v7 as uuidv7 } from 'uuid';
import type { Harness } from '../../server/testing/harness.js';
import { envelopesOf } from '../../server/testing/harness.js';

/**
 * Billing driven over HTTP through the command server, on the embedded adapters (unit) and on
 * PostgreSQL + Redis (integration): invoice numbers stay gap-free and unique when clerks issue at
 * the same time, and one account's unbilled charges are invoiced once.
 */
export function billingHttpScenario(makeHarness: () => Promise<Harness>, hospitalId: () => string): void {
  let h: Harness;
  let hospital: string;
  const PARALLEL = 12;

  const post = async (command: string, body: object, role: string, sub = `u-${role}`) =>
    request(h.app)
      .post(`/hospitals/${hospital}/${command.includes('/') ? command : `billing/${command}`}`)
      .set('Authorization', `Bearer ${await h.token({ role, hospitals: [hospital], sub })}`)
      .set('Idempotency-Key', uuidv7())
      .send(body);
  const ok = async (command: string, body: object, role: string) => {
    const res = await post(command, body, role);
    expect(res.status, `${command}: ${JSON.stringify(res.body)}`).to.be.oneOf([200, 201]);
    return res;
  };
  /** An outpatient account with one consultation charged. */
  const chargedAccount = async () => {
    const accountId = (await ok('open-outpatient-account', { patientId: uuidv7() }, 'billing_clerk')).body.id as string;
    await ok('capture-charge', { accountId, serviceCode: 'consultation' }, 'billing_clerk');
    return accountId;
  };
  const numbers = async () =>
    (await envelopesOf(h.eventStore, `invoiceSequence-${hospital}.invoices`)).map((e) => Number(e.data['sequence']));

  before(async () => {
    h = await makeHarness();
    hospital = hospitalId();
    await ok(
      'hospitals/register-hospital',
      { name: 'St Mary', timeZone: 'Europe/Paris', currency: 'EUR' },
      'platform_admin',
    );
    await ok(
      'set-service-price',
      {
        serviceCode: 'consultation',
        kind: 'procedure',
        description: 'Consultation',
        unitPrice: 5000,
        effectiveFrom: '2000-01-01',
      },
      'billing_supervisor',
    );
  });

  it(`${PARALLEL} clerks issuing invoices at once get numbers 1…${PARALLEL}, no gap, no repeat`, async () => {
    const accounts = [];
    for (let i = 0; i < PARALLEL; i++) accounts.push(await chargedAccount());
    const answers = await Promise.all(
      accounts.map((accountId, i) => post('issue-invoice', { accountId }, 'billing_clerk', `clerk-${i}`)),
    );
    const statuses = answers.map((a) => a.status);
    // Every issuer is decided again on the next number when it loses the race: all succeed.
    expect(
      statuses.filter((s) => s === 200 || s === 201),
      JSON.stringify(answers.map((a) => a.body)),
    ).to.have.length(PARALLEL);
    const issued = await numbers();
    expect([...issued].sort((a, b) => a - b)).to.deep.equal(Array.from({ length: PARALLEL }, (_, i) => i + 1));
    // Each account's stream holds exactly one invoice, with the number the sequence gave it.
    const perAccount = await Promise.all(
      accounts.map(async (a) =>
        (await envelopesOf(h.eventStore, `account-${hospital}.${a}`)).filter((e) => e.type === 'billing.InvoiceIssued'),
      ),
    );
    expect(perAccount.map((es) => es.length)).to.deep.equal(accounts.map(() => 1));
    expect(perAccount.map((es) => Number(es[0]!.data['invoiceNumber'])).sort((a, b) => a - b)).to.deep.equal(
      [...issued].sort((a, b) => a - b),
    );
  });

  it('one account issued by several clerks at once: exactly one invoice, the rest 409 no-unbilled-charges', async () => {
    const accountId = await chargedAccount();
    const before = (await numbers()).length;
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) => post('issue-invoice', { accountId }, 'billing_clerk', `clerk-${i}`)),
    );
    expect(answers.filter((a) => a.status === 200 || a.status === 201)).to.have.length(1);
    const refused = answers.filter((a) => a.status === 409);
    expect(refused).to.have.length(5);
    for (const r of refused) expect(r.body.rule).to.equal('no-unbilled-charges');
    const after = await numbers();
    expect(after).to.have.length(before + 1);
    expect(after.at(-1)).to.equal(before + 1);
  });

  it('a refund approved by its own requester is refused with the rule named, and nothing is appended', async () => {
    const accountId = (await ok('open-outpatient-account', { patientId: uuidv7() }, 'billing_clerk')).body.id as string;
    const shiftId = (await ok('open-cashier-shift', { openingFloat: 0 }, 'cashier')).body.id as string;
    await ok('take-payment', { accountId, shiftId, method: 'cash', purpose: 'deposit', amount: 3000 }, 'cashier');
    const request = await post(
      'request-adjustment',
      { accountId, kind: 'refund', amount: 1000, reason: 'overpaid' },
      'billing_supervisor',
      'sup-1',
    );
    expect(request.status).to.be.oneOf([200, 201]);
    const adjustmentId = (await envelopesOf(h.eventStore, `account-${hospital}.${accountId}`)).find(
      (e) => e.type === 'billing.AdjustmentRequested',
    )!.data['adjustmentId'] as string;
    const length = (await envelopesOf(h.eventStore, `account-${hospital}.${accountId}`)).length;
    const self = await post('approve-adjustment', { accountId, adjustmentId }, 'billing_supervisor', 'sup-1');
    expect(self.status).to.equal(409);
    expect(self.body.rule).to.equal('approver-is-requester');
    expect(await envelopesOf(h.eventStore, `account-${hospital}.${accountId}`)).to.have.length(length);
    const other = await post('approve-adjustment', { accountId, adjustmentId }, 'billing_supervisor', 'sup-2');
    expect(other.status).to.be.oneOf([200, 201]);
  });

  it('bad input names the field and changes nothing', async () => {
    const res = await post(
      'take-payment',
      { accountId: 'nope', shiftId: uuidv7(), method: 'cheque', amount: -5 },
      'cashier',
    );
    expect(res.status).to.equal(400);
    const fields = JSON.stringify(res.body);
    for (const field of ['accountId', 'method', 'amount']) expect(fields).to.include(field);
  });
}
