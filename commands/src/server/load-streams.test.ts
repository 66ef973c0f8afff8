import { GENESIS_HASH, sealEvent, toEventToAppend } from '@chartline/events';
import { type EventToAppend, encryptValue } from '@chartline/infra';
import { expect } from 'chai';
import request from 'supertest';
import { v7 as uuidv7 } from 'uuid';
import { eventRegistry } from './event-registry.js';
import { commandHarness } from './testing/harness.js';
import { wardModule } from './testing/ward-fixture.js';

describe('command server: loading history', () => {
  it('upcasts an old schema version and decrypts it by that version’s personal fields before evolve', async () => {
    const h = await commandHarness();
    const key = await h.keyStore.dataKeyFor('h1', { kind: 'patient', id: 'p1' });
    // A PatientAdmitted v1 (no birthDate yet), written long ago.
    const fields = {
      eventId: uuidv7(),
      type: 'wardtest.PatientAdmitted',
      schemaVersion: 1,
      streamId: 'teststay-h1.s1',
      revision: 0,
      hospitalId: 'h1',
      occurredAt: '2020-01-01T00:00:00.000Z',
      recordedAt: '2020-01-01T00:00:00.000Z',
      actor: { id: 'u', role: 'nurse' },
      correlationId: 'c',
      causationId: 'c',
      traceparent: null,
      prevHash: GENESIS_HASH,
      data: { stayId: 's1', patientId: 'p1', bedId: 'b1', name: encryptValue('Grace Hopper', key) },
    };
    const { catalogue } = eventRegistry([wardModule]);
    const sealed = sealEvent(fields, catalogue);
    await h.eventStore.append('teststay-h1.s1', [toEventToAppend(sealed, catalogue) as EventToAppend], 'no_stream');
    const note = async (text: string) =>
      request(h.app)
        .post('/hospitals/h1/wardtest/add-note')
        .set('Authorization', `Bearer ${await h.token()}`)
        .set('Idempotency-Key', uuidv7())
        .send({ stayId: 's1', note: text });
    // The v1 event folded into an admitted stay whose name the decider can read.
    const refused = await note('Grace Hopper');
    expect(refused.body.rule).to.equal('note-repeats-name');
    const ok = await note('fine');
    expect(ok.status).to.equal(200);
    expect(ok.body.revision).to.equal(1);
  });
});
