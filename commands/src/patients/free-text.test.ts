import { decryptPersonalFields, ERASED, isCiphertext } from '@chartline/infra';
import { expect } from 'chai';
import request from 'supertest';
import { v7 as uuidv7 } from 'uuid';
import { commandHarness, envelopesOf, type Harness } from '../server/testing/harness.js';
import { patientsModule } from './routes.js';

/**
 * Issue 21 item 3: clinical free text can name or describe a person, so it is personal: stored as
 * ciphertext and read as erased after erasure. Codes (ICD-10) are not free text and stay readable.
 */
describe('patients over HTTP: free text is personal data', () => {
  let h: Harness;
  let patientId: string;
  const post = async (command: string, body: object, role: string) =>
    request(h.app)
      .post(`/hospitals/h1/patients/${command}`)
      .set('Authorization', `Bearer ${await h.token({ role })}`)
      .set('Idempotency-Key', uuidv7())
      .send(body);

  beforeEach(async () => {
    h = await commandHarness({ modules: [patientsModule] });
    const res = await post(
      'register-patient',
      { givenName: 'Ada', familyName: 'Lovelace', birthDate: '1815-12-10', sex: 'female' },
      'front_desk',
    );
    patientId = res.body.id;
  });

  const cases = [
    {
      command: 'record-allergy',
      body: {
        substance: 'the jam Mrs Byron makes',
        category: 'food',
        criticality: 'low',
        reaction: 'hives on Tuesdays',
      },
      type: 'patients.AllergyRecorded',
      freeText: ['substance', 'reaction'],
    },
    {
      command: 'record-diagnosis',
      body: { code: 'J18.9', verification: 'provisional', note: 'caught it at Lord Byron’s house' },
      type: 'patients.DiagnosisRecorded',
      freeText: ['note'],
    },
    {
      command: 'record-clinical-note',
      body: { category: 'progress', text: 'Visited by her daughter Ada King.' },
      type: 'patients.ClinicalNoteRecorded',
      freeText: ['text'],
    },
  ] as const;

  for (const c of cases) {
    it(`${c.command}: ${c.freeText.join(' and ')} stored as ciphertext, read back, and erased with the patient`, async () => {
      const res = await post(c.command, { patientId, ...c.body }, 'physician');
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      const event = (await envelopesOf(h.eventStore, `patient-h1.${patientId}`)).find((e) => e.type === c.type)!;
      for (const field of c.freeText) {
        expect(isCiphertext(event.data[field]), `${field} is ciphertext`).to.equal(true);
        expect(JSON.stringify(event.data)).not.to.contain(String((c.body as Record<string, unknown>)[field]));
      }
      const subject = { kind: 'patient' as const, id: patientId };
      const plain = await decryptPersonalFields(event.data, c.freeText, h.keyStore, 'h1', subject);
      for (const field of c.freeText) expect(plain[field]).to.equal((c.body as Record<string, unknown>)[field]);

      const erased = await post('erase-patient-personal-data', { patientId, legalBasis: 'patient_request' }, 'admin');
      expect(erased.status).to.equal(200);
      const after = await decryptPersonalFields(event.data, c.freeText, h.keyStore, 'h1', subject);
      for (const field of c.freeText) expect(after[field]).to.equal(ERASED);
    });
  }
});
