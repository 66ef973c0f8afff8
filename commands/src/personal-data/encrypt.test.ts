import { decryptValue, isCiphertext, personalDataSubject } from '@chartline/infra';
import { expect } from 'chai';
import { encryptPersonalFields } from './encrypt.js';

describe('encryptPersonalFields', () => {
  const key = Buffer.alloc(32, 9);

  it('encrypts present personal fields (any JSON value) and leaves the rest, absent and null as they are', async () => {
    const data = { patientId: 'p1', name: 'Ada', address: null, tags: ['x'] as string[] };
    const out = await encryptPersonalFields(data, ['name', 'address', 'phone', 'tags'], async () => key);
    expect(out.patientId).to.equal('p1');
    expect(out.address).to.equal(null);
    expect(out).not.to.have.property('phone');
    expect(isCiphertext(out.name)).to.equal(true);
    expect(decryptValue(out.name as unknown as string, key)).to.equal('Ada');
    expect(decryptValue(out.tags as unknown as string, key)).to.deep.equal(['x']);
    expect(data.name).to.equal('Ada');
  });

  it('never asks for a key when there is nothing personal to encrypt', async () => {
    let asked = false;
    await encryptPersonalFields({ patientId: 'p1', address: null }, ['address'], async () => {
      asked = true;
      return key;
    });
    expect(asked).to.equal(false);
  });

  it('gives the same plaintext a different ciphertext each time (random IV)', async () => {
    const a = await encryptPersonalFields({ name: 'Ada' }, ['name'], async () => key);
    const b = await encryptPersonalFields({ name: 'Ada' }, ['name'], async () => key);
    expect(a.name).not.to.equal(b.name);
  });
});

describe('personalDataSubject', () => {
  it('is the subject the event names (patientId, staffId), else the stream’s entity as its module’s subject', () => {
    expect(personalDataSubject({ patientId: 'p9' }, 'stay-1', undefined)).to.deep.equal({ kind: 'patient', id: 'p9' });
    expect(personalDataSubject({ staffId: 's9' }, 'shift-1', undefined)).to.deep.equal({ kind: 'staff', id: 's9' });
    expect(personalDataSubject({ givenName: 'x' }, 'p1', 'patient')).to.deep.equal({ kind: 'patient', id: 'p1' });
    expect(personalDataSubject({ patientId: '' }, 'p1', 'patient')).to.deep.equal({ kind: 'patient', id: 'p1' });
  });

  it('refuses an event with personal fields that names nobody in a module that declares no subject', () => {
    expect(() => personalDataSubject({ note: 'x' }, 'w1', undefined)).to.throw(/names no subject/);
  });
});
