import { expect } from 'chai';
import request from 'supertest';
import { v7 as uuidv7 } from 'uuid';
import { admissionsModule } from '../admissions/index.js';
import { patientsModule } from '../patients/index.js';
import { commandHarness, type Harness } from './testing/harness.js';

/** Issue 22 item 8: refusals that say what is wrong and what to do, over HTTP with the real modules. */
describe('command API: answers that say what to do', () => {
  let h: Harness;
  const post = async (path: string, body: object, role: string) =>
    request(h.app)
      .post(`/hospitals/h1/${path}`)
      .set('Authorization', `Bearer ${await h.token({ role, sub: `u-${role}` })}`)
      .set('Idempotency-Key', uuidv7())
      .send(body);
  const created = async (path: string, body: object, role: string): Promise<string> => {
    const res = await post(path, body, role);
    expect(res.status, JSON.stringify(res.body)).to.be.oneOf([200, 201]);
    return res.body.id as string;
  };
  const register = (givenName: string) =>
    created(
      'patients/register-patient',
      { givenName, familyName: 'Answerperson', birthDate: '1970-01-01', sex: 'female' },
      'front_desk',
    );

  let wardId: string;
  let bedId: string;
  before(async () => {
    h = await commandHarness({ modules: [patientsModule, admissionsModule] });
    wardId = await created('admissions/define-ward', { name: 'Ward A', specialty: 'medical' }, 'admin');
    bedId = await created('admissions/add-bed', { wardId, label: 'A-1' }, 'admin');
  });

  it('an unknown patient in a command is 404 naming the rule, not 409, and writes nothing', async () => {
    const head = await h.eventStore.headPosition();
    const res = await post('admissions/request-admission', { patientId: uuidv7(), wardId }, 'front_desk');
    expect(res.status).to.equal(404);
    expect(res.body).to.include({ type: '/problems/patient-not-found', rule: 'patient-not-found' });
    expect(await h.eventStore.headPosition()).to.equal(head);
  });

  it('an unknown bed is 404 bed-not-found', async () => {
    const patientId = await register('Nobed');
    const stayId = await created('admissions/request-admission', { patientId, wardId }, 'front_desk');
    const res = await post('admissions/admit-patient', { stayId, patientId, bedId: uuidv7() }, 'nurse');
    expect(res.status).to.equal(404);
    expect(res.body.rule).to.equal('bed-not-found');
  });

  it('409 bed-not-free says which stay holds the bed (an id, no personal data) and what to do', async () => {
    const first = await register('Firstinbed');
    const firstStay = await created('admissions/request-admission', { patientId: first, wardId }, 'front_desk');
    await created('admissions/admit-patient', { stayId: firstStay, patientId: first, bedId }, 'nurse');
    const second = await register('Secondinline');
    const secondStay = await created('admissions/request-admission', { patientId: second, wardId }, 'front_desk');
    const res = await post('admissions/admit-patient', { stayId: secondStay, patientId: second, bedId }, 'nurse');
    expect(res.status).to.equal(409);
    expect(res.body).to.include({ rule: 'bed-not-free', heldByStayId: firstStay, bedStatus: 'occupied' });
    expect(res.body.detail).to.include(firstStay).and.include('choose a free bed');
    expect(JSON.stringify(res.body)).not.to.include('Firstinbed').and.not.to.include(first);
  });
});
