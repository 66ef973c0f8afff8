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
    const readable = await decryptPersonalFields(registered.data, personal, h.keyStore, hospital, {
      kind: 'patient',
      id: patientId,
    });
    expect(readable).to.include({ givenName: 'Epsilon', birthDate: '1970-01-01' });

    const erased = await post(
      'patients/erase-patient-personal-data',
      { patientId, legalBasis: 'patient_request' },
      'admin',
    );
    expect(erased.status, JSON.stringify(erased.body)).to.equal(200);
    expect(await h.keyStore.existingKey(hospital, { kind: 'patient', id: patientId })).to.equal(null);
    const history = await envelopesOf(h.eventStore, streamId);
    expect(history.map((e) => e.type)).to.include('patients.PatientPersonalDataErased');
    expect(verifyChain(history).ok).to.equal(true);
    const after = await decryptPersonalFields(registered.data, personal, h.keyStore, hospital, {
      kind: 'patient',
      id: patientId,
    });
    expect(after).to.include({ givenName: ERASED, familyName: ERASED, birthDate: ERASED });
  });

  /** The patientkey streams (blind indexes) a patient was ever filed under, with their chains. */
  const keyStreamsOf = async (patientId: string) => {
    const ids = new Set(
      (await h.eventStore.readAll())
        .filter((e) => e.streamId.startsWith(`patientkey-${hospital}.`) && e.data['patientId'] === patientId)
        .map((e) => e.streamId),
    );
    return Promise.all([...ids].map((id) => envelopesOf(h.eventStore, id)));
  };

  it('after erasure, registering the same person (name, birth date, sex, national id) is not flagged against the erased patient; the chains verify', async () => {
    const zeta = {
      givenName: 'Zeta',
      familyName: 'Erasable',
      birthDate: '1961-02-03',
      sex: 'female',
      nationalId: `ZE-${hospital}`,
    };
    const first = await post('patients/register-patient', zeta, 'front_desk');
    expect(first.status).to.equal(201);
    const erased = await post(
      'patients/erase-patient-personal-data',
      { patientId: first.body.id, legalBasis: 'patient_request' },
      'admin',
    );
    expect(erased.status, JSON.stringify(erased.body)).to.equal(200);

    const again = await post('patients/register-patient', zeta, 'front_desk');
    expect(again.status, JSON.stringify(again.body)).to.equal(201);
    expect(again.body.events).not.to.include('patients.PossibleDuplicateFlagged');
    // By name alone, or by national id alone: flagged against the new registration, never the erased one.
    for (const partly of [
      { ...zeta, nationalId: undefined },
      { ...zeta, givenName: 'Other', sex: 'male' },
    ]) {
      const res = await post('patients/register-patient', partly, 'front_desk');
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      const candidates = (await envelopesOf(h.eventStore, `patient-${hospital}.${res.body.id}`))
        .filter((e) => e.type === 'patients.PossibleDuplicateFlagged')
        .map((e) => e.data['candidatePatientId']);
      expect(candidates).to.deep.equal([again.body.id]);
    }
    expect(erased.body.events).to.include('patients.PatientIdentityKeyReleased');
    const streams = await keyStreamsOf(first.body.id);
    expect(streams).to.have.length(2);
    for (const stream of streams) {
      expect(verifyChain(stream).ok).to.equal(true);
      expect(stream.map((e) => e.type)).to.include('patients.PatientIdentityKeyReleased');
    }
    expect(verifyChain(await envelopesOf(h.eventStore, `patient-${hospital}.${first.body.id}`)).ok).to.equal(true);
  });

  it('a demographic change re-files the duplicate keys: registering under the new details is flagged, under the old ones not', async () => {
    const eta = { givenName: 'Eta', familyName: 'Before', birthDate: '1972-07-07', sex: 'male' };
    const first = await post('patients/register-patient', eta, 'front_desk');
    expect(first.status).to.equal(201);
    const changed = await post(
      'patients/update-demographics',
      { patientId: first.body.id, familyName: 'After', nationalId: `ET-${hospital}` },
      'front_desk',
    );
    expect(changed.status, JSON.stringify(changed.body)).to.equal(200);

    const underOld = await post('patients/register-patient', eta, 'front_desk');
    expect(underOld.body.events).not.to.include('patients.PossibleDuplicateFlagged');
    const underNewName = await post('patients/register-patient', { ...eta, familyName: 'After' }, 'front_desk');
    expect(underNewName.body.events).to.include('patients.PossibleDuplicateFlagged');
    const underNewId = await post(
      'patients/register-patient',
      { ...eta, givenName: 'Someone', nationalId: `ET-${hospital}` },
      'front_desk',
    );
    expect(underNewId.body.events).to.include('patients.PossibleDuplicateFlagged');
    const flags = (await h.eventStore.readAll()).filter(
      (e) =>
        e.type === 'patients.PossibleDuplicateFlagged' &&
        [underNewName.body.id, underNewId.body.id].includes(e.data['patientId']),
    );
    expect(flags.map((e) => e.data['candidatePatientId'])).to.deep.equal([first.body.id, first.body.id]);
    for (const stream of await keyStreamsOf(first.body.id)) expect(verifyChain(stream).ok).to.equal(true);
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
