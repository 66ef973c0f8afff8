import { expect } from 'chai';
import request from 'supertest';
import { v7 as uuidv7 } from 'uuid';
import { admissionsModule } from '../admissions/index.js';
import { patientsModule } from '../patients/index.js';
import { commandHarness, envelopesOf, type Harness } from './testing/harness.js';

/**
 * Dates that parse but no hospital means: each is a 400 naming the field and the range allowed,
 * and appends nothing. A death before the birth date is a rule of the patient (409, named).
 */
describe('command server: dates out of range', () => {
  let h: Harness;
  const post = async (path: string, body: object, role: string) =>
    request(h.app)
      .post(`/hospitals/h1/${path}`)
      .set('Authorization', `Bearer ${await h.token({ role, sub: `u-${role}` })}`)
      .set('Idempotency-Key', uuidv7())
      .send(body);
  const created = async (path: string, body: object, role: string): Promise<string> => {
    const res = await post(path, body, role);
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return res.body.id as string;
  };
  const person = { givenName: 'Ada', familyName: 'Example', sex: 'female' };
  const eventCount = async () => (await h.eventStore.readAll()).length;

  before(async () => {
    h = await commandHarness({ modules: [patientsModule, admissionsModule] });
  });

  const tomorrowPlus = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

  // The future date is taken when the test runs, not when mocha loads the file: a run that crossed
  // midnight UTC between the two once sent a date the server's (one day lenient) today allowed.
  for (const [date, why] of [
    [() => '0000-01-01', 'year 0'],
    [() => '1799-12-31', 'before 1800'],
    [() => tomorrowPlus(2), 'two days ahead'],
  ] as const) {
    it(`refuses a birth date ${why} with 400 naming body.birthDate and the range`, async () => {
      const birthDate = date();
      const before = await eventCount();
      const res = await post('patients/register-patient', { ...person, birthDate }, 'front_desk');
      expect(res.status).to.equal(400);
      expect(res.body.errors).to.deep.include({
        field: 'body.birthDate',
        message: 'Must be a date from 1800-01-01 up to today (not in the future)',
      });
      expect(await eventCount()).to.equal(before);
    });
  }

  it('accepts a birth date of today, and one in 1800', async () => {
    await created('patients/register-patient', { ...person, birthDate: tomorrowPlus(0) }, 'front_desk');
    await created('patients/register-patient', { ...person, givenName: 'Old', birthDate: '1800-01-01' }, 'front_desk');
  });

  it('refuses a correction of the birth date to the future', async () => {
    const patientId = await created('patients/register-patient', { ...person, birthDate: '1990-04-01' }, 'front_desk');
    const res = await post('patients/update-demographics', { patientId, birthDate: '9999-01-01' }, 'front_desk');
    expect(res.status).to.equal(400);
    expect(res.body.errors[0].field).to.equal('body.birthDate');
  });

  it('refuses a death before the birth date with 409 naming the rule', async () => {
    const patientId = await created('patients/register-patient', { ...person, birthDate: '1990-04-01' }, 'front_desk');
    const before = await eventCount();
    const res = await post('patients/record-death', { patientId, diedAt: '1989-12-31T10:00:00Z' }, 'physician');
    expect(res.status).to.equal(409);
    expect(res.body.type).to.equal(`/problems/${res.body.rule}`);
    expect(res.body.rule).to.equal('death-before-birth');
    expect(await eventCount()).to.equal(before);
    expect(
      (await post('patients/record-death', { patientId, diedAt: '2020-01-01T10:00:00Z' }, 'physician')).status,
    ).to.equal(200);
  });

  describe('schedule-discharge', () => {
    let stayId: string;
    before(async () => {
      const wardId = await created('admissions/define-ward', { name: 'Ward R', specialty: 'medical' }, 'admin');
      const bedId = await created('admissions/add-bed', { wardId, label: 'R-1' }, 'admin');
      const patientId = await created(
        'patients/register-patient',
        { ...person, birthDate: '1990-04-01' },
        'front_desk',
      );
      stayId = await created('admissions/request-admission', { patientId, wardId }, 'front_desk');
      const admitted = await post('admissions/admit-patient', { stayId, patientId, bedId }, 'nurse');
      expect(admitted.status).to.equal(200);
    });

    for (const plannedFor of ['1970-01-01T00:00:00Z', '9999-12-31T00:00:00Z']) {
      it(`refuses a discharge planned for ${plannedFor.slice(0, 4)} with 400 naming body.plannedFor and the range`, async () => {
        const before = await eventCount();
        const res = await post('admissions/schedule-discharge', { stayId, plannedFor }, 'nurse');
        expect(res.status).to.equal(400);
        expect(res.body.errors).to.deep.include({
          field: 'body.plannedFor',
          message: 'Must be from 1 days ago to 366 days ahead',
        });
        expect(await eventCount()).to.equal(before);
      });
    }

    it('accepts a discharge planned for tomorrow', async () => {
      const plannedFor = new Date(Date.now() + 86_400_000).toISOString();
      expect((await post('admissions/schedule-discharge', { stayId, plannedFor }, 'nurse')).status).to.equal(200);
      expect((await envelopesOf(h.eventStore, `stay-h1.${stayId}`)).at(-1)?.type).to.equal(
        'admissions.DischargeScheduled',
      );
    });
  });
});
