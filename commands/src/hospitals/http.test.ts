import { expect } from 'chai';
import request from 'supertest';
import { v7 as uuidv7 } from 'uuid';
import { allEvents, commandHarness, type Harness } from '../server/testing/harness.js';
import { hospitalsModule } from './routes.js';

/** The hospitals commands over the real command server: role, rule problems, If-Match, nothing changed on refusal. */
describe('hospitals over HTTP', () => {
  let h: Harness;
  const post = async (command: string, body: object, init: { role?: string; ifMatch?: string } = {}) => {
    const req = request(h.app)
      .post(`/hospitals/h1/hospitals/${command}`)
      .set('Authorization', `Bearer ${await h.token({ role: init.role ?? 'platform_admin' })}`)
      .set('Idempotency-Key', uuidv7());
    if (init.ifMatch) req.set('If-Match', init.ifMatch);
    return req.send(body);
  };
  const registration = { name: 'St Mary', timeZone: 'Europe/Paris', currency: 'EUR' };

  beforeEach(async () => {
    h = await commandHarness({ modules: [hospitalsModule] });
  });

  it('a platform admin registers, suspends and reactivates; a hospital admin may not', async () => {
    expect((await post('register-hospital', registration, { role: 'admin' })).status).to.equal(403);
    expect((await post('register-hospital', registration)).status).to.equal(201);
    expect((await post('suspend-hospital', { reason: 'contract ended' }, { ifMatch: '"0"' })).status).to.equal(200);
    expect((await post('reactivate-hospital', { reason: 'contract renewed' })).status).to.equal(200);
    const types = (await allEvents(h.eventStore)).map((e) => e.type);
    expect(types).to.deep.equal([
      // The hospital's partition is recorded first, in the platform's placement stream.
      'hospitals.HospitalPlaced',
      'hospitals.HospitalRegistered',
      'hospitals.HospitalSuspended',
      'hospitals.HospitalReactivated',
    ]);
  });

  it('refuses an unknown time zone and a second registration with the rule named, changing nothing', async () => {
    const zone = await post('register-hospital', { ...registration, timeZone: 'Mars/Olympus' });
    expect(zone.status).to.equal(409);
    expect(zone.body).to.include({ type: '/problems/unknown-time-zone', rule: 'unknown-time-zone' });
    expect(await allEvents(h.eventStore)).to.have.length(0);
    await post('register-hospital', registration);
    const again = await post('register-hospital', registration);
    expect(again.body).to.include({ status: 409, rule: 'hospital-already-registered' });
    expect((await allEvents(h.eventStore)).map((e) => e.type)).to.deep.equal([
      'hospitals.HospitalPlaced',
      'hospitals.HospitalRegistered',
    ]);
  });

  it('answers 412 to a stale If-Match', async () => {
    await post('register-hospital', registration);
    await post('suspend-hospital', { reason: 'contract ended' });
    expect((await post('reactivate-hospital', { reason: 'renewed' }, { ifMatch: '"0"' })).status).to.equal(412);
  });
});
