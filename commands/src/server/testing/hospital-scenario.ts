import { verifyChain } from '@chartline/events';
import { decryptPersonalFields, ERASED } from '@chartline/infra';
import { expect } from 'chai';
import request from 'supertest';
import { v7 as uuidv7 } from 'uuid';
import type { Harness } from './harness.js';
import { envelopesOf } from './harness.js';

/**
 * The patients and admissions modules driven over HTTP, end to end through the command server.
 * One scenario, run on the embedded adapters (unit) and on PostgreSQL + Redis (integration).
 */
export function hospitalScenario(makeHarness: () => Promise<Harness>, hospitalId: () => string): void {
  let h: Harness;
  let hospital: string;
  before(async () => {
    h = await makeHarness();
    hospital = hospitalId();
  });

  const post = async (path: string, body: object, role: string, key: string = uuidv7()) =>
    request(h.app)
      .post(`/hospitals/${hospital}/${path}`)
      .set('Authorization', `Bearer ${await h.token({ role, hospitals: [hospital], sub: `u-${role}` })}`)
      .set('Idempotency-Key', key)
      .send(body);
  const created = async (path: string, body: object, role: string): Promise<string> => {
    const res = await post(path, body, role);
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return res.body.id as string;
  };
  const register = (givenName: string) =>
    created(
      'patients/register-patient',
      { givenName, familyName: 'Testperson', birthDate: '1970-01-01', sex: 'female' },
      'front_desk',
    );

  it('four concurrent admissions to one bed: exactly one succeeds, the others get 409; one admission stored', async () => {
    const wardId = await created('admissions/define-ward', { name: 'Ward A', specialty: 'medical' }, 'admin');
    const bedId = await created('admissions/add-bed', { wardId, label: 'A-1' }, 'admin');
    const patients: string[] = [];
    for (const name of ['Alpha', 'Beta', 'Gamma', 'Delta']) patients.push(await register(name));
    const stays: string[] = [];
    for (const patientId of patients) {
      stays.push(await created('admissions/request-admission', { patientId, wardId }, 'front_desk'));
    }

    const results = await Promise.all(
      patients.map((patientId, i) => post('admissions/admit-patient', { stayId: stays[i], patientId, bedId }, 'nurse')),
    );
    // admit-patient writes to an existing (planned) stay, so success is 200, not 201.
    expect(results.map((r) => r.status).sort()).to.deep.equal([200, 409, 409, 409]);
    for (const refused of results.filter((r) => r.status === 409)) {
      // Refused by the rule after re-deciding, or (losing twice in a row) as a concurrent change.
      const reason = refused.body.rule ?? refused.body.type;
      expect(reason).to.be.oneOf(['bed-not-free', '/problems/concurrent-change']);
    }

    const admitted = (await h.eventStore.readAll()).filter(
      (e) => e.type === 'admissions.PatientAdmitted' && e.metadata['hospitalId'] === hospital,
    );
    expect(admitted).to.have.length(1);
    const bed = await envelopesOf(h.eventStore, `bed-${hospital}.${bedId}`);
    expect(bed.filter((e) => e.type === 'admissions.BedOccupied')).to.have.length(1);
    expect(verifyChain(bed).ok).to.equal(true);
    for (const stayId of stays)
      expect(verifyChain(await envelopesOf(h.eventStore, `stay-${hospital}.${stayId}`)).ok).to.equal(true);
  });

  it('an idempotent repeat of a registration returns the first response and registers nobody twice', async () => {
    const body = { givenName: 'Gamma', familyName: 'Testperson', birthDate: '1980-05-05', sex: 'male' };
    const first = await post('patients/register-patient', body, 'front_desk', `reg-${hospital}`);
    const before = (await h.eventStore.readAll()).length;
    const repeat = await post('patients/register-patient', body, 'front_desk', `reg-${hospital}`);
    expect(first.status).to.equal(201);
    expect(repeat.status).to.equal(201);
    expect(repeat.body).to.deep.equal(first.body);
    expect(repeat.headers['idempotent-replayed']).to.equal('true');
    expect((await h.eventStore.readAll()).length).to.equal(before);
    const other = await post(
      'patients/register-patient',
      { ...body, givenName: 'Delta' },
      'front_desk',
      `reg-${hospital}`,
    );
    expect(other.status).to.equal(422);
  });

  it('registration encrypts personal fields; erasure deletes the key, the chain verifies and fields read as erased', async () => {
    const patientId = await register('Epsilon');
    const streamId = `patient-${hospital}.${patientId}`;
    const registered = (await envelopesOf(h.eventStore, streamId)).find(
      (e) => e.type === 'patients.PatientRegistered',
    )!;
    expect(JSON.stringify(registered.data)).not.to.contain('Epsilon');
    const personal = ['givenName', 'familyName', 'birthDate'];
    const readable = await decryptPersonalFields(registered.data, personal, h.keyStore, hospital, patientId);
    expect(readable).to.include({ givenName: 'Epsilon', birthDate: '1970-01-01' });

    const erased = await post(
      'patients/erase-patient-personal-data',
      { patientId, legalBasis: 'patient_request' },
      'admin',
    );
    expect(erased.status, JSON.stringify(erased.body)).to.equal(200);
    expect(await h.keyStore.existingKey(hospital, patientId)).to.equal(null);
    const history = await envelopesOf(h.eventStore, streamId);
    expect(history.map((e) => e.type)).to.include('patients.PatientPersonalDataErased');
    expect(verifyChain(history).ok).to.equal(true);
    const after = await decryptPersonalFields(registered.data, personal, h.keyStore, hospital, patientId);
    expect(after).to.include({ givenName: ERASED, familyName: ERASED, birthDate: ERASED });
  });

  it('a token for another hospital writes nothing here (403)', async () => {
    const before = (await h.eventStore.readAll()).length;
    const res = await request(h.app)
      .post(`/hospitals/${hospital}/admissions/define-ward`)
      .set('Authorization', `Bearer ${await h.token({ role: 'admin', hospitals: ['elsewhere'] })}`)
      .set('Idempotency-Key', uuidv7())
      .send({ name: 'Sneaky', specialty: 'other' });
    expect(res.status).to.equal(403);
    expect((await h.eventStore.readAll()).length).to.equal(before);
  });
}
