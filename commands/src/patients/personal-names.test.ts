import { decryptPersonalFields } from '@chartline/infra';
import { expect } from 'chai';
import request from 'supertest';
import { v7 as uuidv7 } from 'uuid';
import { commandHarness, envelopesOf, type Harness } from '../server/testing/harness.js';
import { patientsModule } from './routes.js';

/** Issue 21 item 14: personal names are normalised to NFC; control, bidi and invisible-only text is refused. */
describe('patients over HTTP: personal names', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await commandHarness({ modules: [patientsModule] });
  });
  const post = async (command: string, body: object) =>
    request(h.app)
      .post(`/hospitals/h1/patients/${command}`)
      .set('Authorization', `Bearer ${await h.token({ role: 'front_desk' })}`)
      .set('Idempotency-Key', uuidv7())
      .send(body);
  const person = { givenName: 'Ada', familyName: 'Lovelace', birthDate: '1815-12-10', sex: 'female' };

  const refused: [string, string][] = [
    ['a NUL character', 'Ada\u0000'],
    ['another control character', 'Ada\u0007Lovelace'],
    ['a line break', 'Ada\nLovelace'],
    ['a right-to-left override', '\u202Eecalevol'],
    ['a bidi isolate', 'Ada\u2066x\u2069'],
    ['a right-to-left mark', 'Ada\u200F'],
    ['zero-width characters only', '\u200B\u200C\u200D'],
    ['a byte-order mark only', '\uFEFF'],
    ['a lone high surrogate', 'Ada\uD800'],
    ['a lone low surrogate', '\uDC00Ada'],
  ];
  for (const [what, value] of refused) {
    for (const field of ['givenName', 'familyName'] as const) {
      it(`register-patient refuses ${what} in ${field} with a 400 naming the field, and writes nothing`, async () => {
        const res = await post('register-patient', { ...person, [field]: value });
        expect(res.status, JSON.stringify(res.body)).to.equal(400);
        expect(res.body.type).to.equal('/problems/invalid-body');
        const errors = res.body.errors as { field: string; message: string }[];
        expect(errors.map((e) => e.field)).to.deep.equal([`body.${field}`]);
        expect(errors[0]?.message).to.match(/name/i);
        expect((await h.eventStore.readAll()).length).to.equal(0);
      });
    }
  }

  it('update-demographics refuses the same characters, naming the field', async () => {
    const registered = await post('register-patient', person);
    expect(registered.status).to.equal(201);
    const res = await post('update-demographics', { patientId: registered.body.id, familyName: 'Love\u202Elace' });
    expect(res.status).to.equal(400);
    expect((res.body.errors as { field: string }[]).map((e) => e.field)).to.deep.equal(['body.familyName']);
  });

  it('stores names in NFC: a decomposed é is composed before it is encrypted', async () => {
    const res = await post('register-patient', { ...person, givenName: 'Ame\u0301lie' });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    const [registered] = await envelopesOf(h.eventStore, `patient-h1.${res.body.id}`);
    const plain = await decryptPersonalFields(registered!.data, ['givenName'], h.keyStore, 'h1', {
      kind: 'patient',
      id: res.body.id,
    });
    expect(plain['givenName']).to.equal('Am\u00E9lie');
  });

  it('keeps names in any script, with joiners inside them (Persian, Devanagari) and apostrophes', async () => {
    for (const givenName of [
      '\u0645\u06CC\u200C\u0646\u0627',
      '\u0915\u094D\u200D\u0937',
      "O'Brien-Ó Súilleabháin",
      '李',
    ]) {
      const res = await post('register-patient', { ...person, givenName });
      expect(res.status, `${givenName}: ${JSON.stringify(res.body)}`).to.equal(201);
    }
  });
});
