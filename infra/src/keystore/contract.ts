import { expect } from 'chai';
import { v7 as uuidv7 } from 'uuid';
import { decryptValue, ERASED, encryptValue } from './field-cipher.js';
import { decryptPersonalFields } from './personal-fields.js';
import { type KeyStore, PersonalDataErased } from './port.js';
import type { Subject } from './subject.js';

const newPatient = (): Subject => ({ kind: 'patient', id: uuidv7() });

/** Every key store adapter passes this suite. `open` gives a fresh or shared store; ids are unique per test. */
export function keyStoreContract(open: () => Promise<KeyStore>): void {
  let store: KeyStore;
  const hospital = 'h-contract';
  before(async () => {
    store = await open();
  });
  after(async () => {
    await store?.close();
  });

  it('creates a 32-byte key on first use and returns the same key after', async () => {
    const patient = newPatient();
    expect(await store.existingKey(hospital, patient)).to.equal(null);
    const key = await store.dataKeyFor(hospital, patient);
    expect(key.length).to.equal(32);
    expect((await store.dataKeyFor(hospital, patient)).equals(key)).to.equal(true);
    expect((await store.existingKey(hospital, patient))?.equals(key)).to.equal(true);
  });

  it('gives each subject (a patient, a staff member with the same id) and each hospital its own key', async () => {
    const patient = newPatient();
    const a = await store.dataKeyFor(hospital, patient);
    const b = await store.dataKeyFor(hospital, newPatient());
    const c = await store.dataKeyFor('h-other', patient);
    expect(a.equals(b)).to.equal(false);
    expect(a.equals(c)).to.equal(false);
    const staff = await store.dataKeyFor(hospital, { kind: 'staff', id: patient.id });
    expect(staff.equals(a)).to.equal(false);
    await store.erase(hospital, { kind: 'staff', id: patient.id });
    expect(
      (await store.existingKey(hospital, patient))?.equals(a),
      'erasing the staff member keeps the patient',
    ).to.equal(true);
  });

  it('erases for good: the key is gone, is never re-created, and erasing again is harmless', async () => {
    const patient = newPatient();
    const key = await store.dataKeyFor(hospital, patient);
    const ciphertext = encryptValue('Ada Lovelace', key);
    await store.erase(hospital, patient);
    await store.erase(hospital, patient);
    expect(await store.existingKey(hospital, patient)).to.equal(null);
    let refused: unknown;
    try {
      await store.dataKeyFor(hospital, patient);
    } catch (error) {
      refused = error;
    }
    expect(refused).to.be.instanceOf(PersonalDataErased);
    const read = await decryptPersonalFields({ name: ciphertext, ward: 'A' }, ['name'], store, hospital, patient);
    expect(read).to.deep.equal({ name: ERASED, ward: 'A' });
  });

  it('erasing a patient who never had a key still blocks new keys', async () => {
    const patient = newPatient();
    await store.erase(hospital, patient);
    let refused: unknown;
    try {
      await store.dataKeyFor(hospital, patient);
    } catch (error) {
      refused = error;
    }
    expect(refused).to.be.instanceOf(PersonalDataErased);
  });

  it('answers a ping while it can serve keys', async () => {
    expect(await store.ping()).to.equal(true);
  });

  it('decrypts with the stored key', async () => {
    const patient = newPatient();
    const key = await store.dataKeyFor(hospital, patient);
    const stored = { name: encryptValue({ given: 'Ada' }, key), birthDate: encryptValue('1815-12-10', key) };
    const read = await decryptPersonalFields(stored, ['name', 'birthDate'], store, hospital, patient);
    expect(read).to.deep.equal({ name: { given: 'Ada' }, birthDate: '1815-12-10' });
    expect(decryptValue(stored.birthDate, key)).to.equal('1815-12-10');
  });
}
