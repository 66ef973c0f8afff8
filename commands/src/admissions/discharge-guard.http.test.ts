import { expect } from 'chai';
import request from 'supertest';
import { v7 as uuidv7 } from 'uuid';
import { billingModule } from '../billing/index.js';
import { hospitalsModule } from '../hospitals/index.js';
import { patientsModule } from '../patients/index.js';
import { commandHarness, envelopesOf, type Harness } from '../server/testing/harness.js';
import { admissionsModule } from './index.js';

/**
 * The discharge guard over HTTP (embedded adapters): a discharge while the stay's billing account
 * has an unbilled charge is refused with a problem naming the rule and what to do, and changes
 * nothing; once the charge is invoiced the same discharge goes through. A death is never refused.
 * The charge-capture process manager is stood in for by its own commands, sent as `admin`.
 */
describe('discharge guard over HTTP (admissions × billing, embedded adapters)', () => {
  const H = 'h-discharge-guard';
  let h: Harness;

  const post = async (command: string, body: object, role: string) =>
    request(h.app)
      .post(`/hospitals/${H}/${command}`)
      .set('Authorization', `Bearer ${await h.token({ role, hospitals: [H], sub: `u-${role}` })}`)
      .set('Idempotency-Key', uuidv7())
      .send(body);
  const ok = async (command: string, body: object, role: string) => {
    const res = await post(command, body, role);
    expect(res.status, `${command}: ${JSON.stringify(res.body)}`).to.be.oneOf([200, 201]);
    return res.body as { id: string };
  };

  let wardId: string;
  /** A patient admitted to a fresh bed, with the stay's account open and one lab test charged to it. */
  const admittedWithCharge = async () => {
    const bedId = (await ok('admissions/add-bed', { wardId, label: `B-${uuidv7().slice(-6)}` }, 'admin')).id;
    const patientId = (
      await ok(
        'patients/register-patient',
        { givenName: 'Ada', familyName: 'Lovelace', birthDate: '1950-12-10', sex: 'female' },
        'front_desk',
      )
    ).id;
    const stayId = (await ok('admissions/request-admission', { patientId, wardId }, 'front_desk')).id;
    await ok('admissions/admit-patient', { stayId, patientId, bedId }, 'front_desk');
    const now = new Date().toISOString();
    await ok(
      'billing/open-stay-account',
      { stayId, patientId, wardId, specialty: 'medical', admittedAt: now },
      'admin',
    );
    await ok(
      'billing/capture-clinical-charge',
      {
        stayId,
        source: 'lab_order',
        sourceEventId: uuidv7(),
        serviceCode: 'lab:2345-7',
        quantity: 1,
        servedAt: now,
      },
      'admin',
    );
    return { stayId, patientId, bedId };
  };
  const stayEvents = async (stayId: string) => envelopesOf(h.eventStore, `stay-${H}.${stayId}`);

  before(async () => {
    h = await commandHarness({ modules: [hospitalsModule, patientsModule, admissionsModule, billingModule] });
    await ok(
      'hospitals/register-hospital',
      { name: 'St Mary', timeZone: 'Europe/Paris', currency: 'EUR' },
      'platform_admin',
    );
    await ok(
      'billing/set-service-price',
      {
        serviceCode: 'lab:2345-7',
        kind: 'lab_test',
        description: 'Glucose',
        unitPrice: 1_200,
        effectiveFrom: '2000-01-01',
      },
      'billing_supervisor',
    );
    wardId = (await ok('admissions/define-ward', { name: '3 East', specialty: 'medical' }, 'admin')).id;
  });

  it('refuses the discharge with a problem naming the rule and what to do, and appends nothing', async () => {
    const { stayId, patientId, bedId } = await admittedWithCharge();
    const before = await stayEvents(stayId);
    const res = await post(
      'admissions/discharge-patient',
      { stayId, patientId, bedId, reason: 'home', disposition: 'home' },
      'nurse',
    );
    expect(res.status).to.equal(409);
    expect(res.headers['content-type']).to.match(/application\/problem\+json/);
    expect(res.body).to.include({
      type: '/problems/discharge-with-unbilled-charges',
      rule: 'discharge-with-unbilled-charges',
    });
    expect(res.body).to.include({ unbilledCharges: 1, accountId: stayId });
    expect(res.body.detail)
      .to.match(/issue-invoice/)
      .and.to.match(/not billable/);
    expect(await stayEvents(stayId)).to.have.length(before.length);
  });

  it('discharges once the clerk has invoiced the charges, recording none unbilled', async () => {
    const { stayId, patientId, bedId } = await admittedWithCharge();
    await ok('billing/issue-invoice', { accountId: stayId }, 'billing_clerk');
    await ok(
      'admissions/discharge-patient',
      { stayId, patientId, bedId, reason: 'home', disposition: 'home' },
      'nurse',
    );
    const discharged = (await stayEvents(stayId)).find((e) => e.type === 'admissions.PatientDischarged');
    expect(discharged?.data).to.include({ reason: 'home', unbilledCharges: 0 });
  });

  it('discharges a patient who died although a charge is unbilled, recording it', async () => {
    const { stayId, patientId, bedId } = await admittedWithCharge();
    await ok(
      'admissions/discharge-patient',
      { stayId, patientId, bedId, reason: 'death', disposition: 'exp' },
      'nurse',
    );
    const discharged = (await stayEvents(stayId)).find((e) => e.type === 'admissions.PatientDischarged');
    expect(discharged?.data).to.include({ reason: 'death', unbilledCharges: 1 });
  });
});
