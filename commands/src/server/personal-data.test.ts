import { verifyChain } from '@chartline/events';
import { decryptPersonalFields, ERASED, isCiphertext, personalFieldsOfVersion } from '@chartline/infra';
import { expect } from 'chai';
import request from 'supertest';
import { v7 as uuidv7 } from 'uuid';
import { commandHarness, envelopesOf, type Harness } from './testing/harness.js';
import { wardEvents } from './testing/ward-fixture.js';

const PatientAdmitted = wardEvents[2];

describe('command server: personal data (crypto-shredding)', () => {
  let h: Harness;
  const post = async (path: string, body: object, role = 'nurse') =>
    request(h.app)
      .post(`/hospitals/h1/wardtest/${path}`)
      .set('Authorization', `Bearer ${await h.token({ role })}`)
      .set('Idempotency-Key', uuidv7())
      .send(body);

  beforeEach(async () => {
    h = await commandHarness();
    await post('open-bed', { bedId: 'b1' });
    await post('admit', { stayId: 's1', patientId: 'p1', bedId: 'b1', name: 'Ada Lovelace', birthDate: '1815-12-10' });
  });

  it('readers decrypt personal fields with the patient’s key', async () => {
    const [admitted] = await envelopesOf(h.eventStore, 'teststay-h1.s1');
    const data = await decryptPersonalFields(admitted!.data, PatientAdmitted.personalFields, h.keyStore, 'h1', {
      kind: 'patient',
      id: 'p1',
    });
    expect(data).to.include({ name: 'Ada Lovelace', birthDate: '1815-12-10', patientId: 'p1', bedId: 'b1' });
  });

  it('the decider sees decrypted state; after erasure it sees the erased marker', async () => {
    const refused = await post('add-note', { stayId: 's1', note: 'Ada Lovelace' });
    expect(refused.status).to.equal(409);
    expect(refused.body.rule).to.equal('note-repeats-name');
    await post('erase-personal-data', { stayId: 's1' }, 'admin');
    expect((await post('add-note', { stayId: 's1', note: 'Ada Lovelace' })).status).to.equal(200);
    expect(verifyChain(await envelopesOf(h.eventStore, 'teststay-h1.s1')).ok).to.equal(true);
  });

  it('erasure deletes the key: fields read as erased, the chain still verifies, nothing is deleted', async () => {
    const before = await envelopesOf(h.eventStore, 'teststay-h1.s1');
    const res = await post('erase-personal-data', { stayId: 's1' }, 'admin');
    expect(res.status).to.equal(200);
    expect(res.body.events).to.deep.equal(['wardtest.PersonalDataErased']);
    expect(await h.keyStore.existingKey('h1', { kind: 'patient', id: 'p1' })).to.equal(null);

    const after = await envelopesOf(h.eventStore, 'teststay-h1.s1');
    expect(after).to.have.length(before.length + 1);
    expect(after[0]).to.deep.equal(before[0]);
    expect(verifyChain(after)).to.deep.include({ ok: true, events: 2 });
    expect(isCiphertext(after[0]?.data['name'])).to.equal(true);
    const read = await decryptPersonalFields(after[0]!.data, PatientAdmitted.personalFields, h.keyStore, 'h1', {
      kind: 'patient',
      id: 'p1',
    });
    expect(read).to.include({ name: ERASED, birthDate: ERASED, patientId: 'p1' });
  });

  it('after erasure, commands still load the stream (personal fields read as erased)', async () => {
    await post('erase-personal-data', { stayId: 's1' }, 'admin');
    expect((await post('add-note', { stayId: 's1', note: 'still here' })).status).to.equal(200);
    const again = await post('erase-personal-data', { stayId: 's1' }, 'admin');
    expect(again.status).to.equal(409);
    expect(again.body.rule).to.equal('already-erased');
  });

  it('refuses new personal data for an erased patient with 409 personal-data-erased', async () => {
    await post('erase-personal-data', { stayId: 's1' }, 'admin');
    await post('open-bed', { bedId: 'b2' });
    const res = await post('admit', {
      stayId: 's2',
      patientId: 'p1',
      bedId: 'b2',
      name: 'Ada Lovelace',
      birthDate: '1815-12-10',
    });
    expect(res.status).to.equal(409);
    expect(res.body.rule).to.equal('personal-data-erased');
    expect(JSON.stringify(res.body)).not.to.contain('Lovelace');
    expect(await envelopesOf(h.eventStore, 'teststay-h1.s2')).to.have.length(0);
  });

  it('decrypts an old schema version by that version’s personal fields', () => {
    expect(personalFieldsOfVersion(PatientAdmitted, 1)).to.deep.equal(['name']);
    expect(personalFieldsOfVersion(PatientAdmitted, 2)).to.deep.equal(['name', 'birthDate']);
  });
});
