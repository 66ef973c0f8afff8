import { expect } from 'chai';
import request from 'supertest';
import { v7 as uuidv7 } from 'uuid';
import { allEvents, commandHarness, type Harness } from '../server/testing/harness.js';
import { hospitalsModule } from './routes.js';

/** Moving a hospital over the real command server: who may, what is refused, and that a refusal writes nothing. */
describe('start-hospital-move over HTTP', () => {
  let h: Harness;
  const post = async (command: string, body: object, role = 'platform_admin') =>
    request(h.app)
      .post(`/hospitals/h1/hospitals/${command}`)
      .set('Authorization', `Bearer ${await h.token({ role })}`)
      .set('Idempotency-Key', uuidv7())
      .send(body);

  beforeEach(async () => {
    h = await commandHarness({ modules: [hospitalsModule] });
    expect(
      (await post('register-hospital', { name: 'St Mary', timeZone: 'Europe/Paris', currency: 'EUR' })).status,
    ).to.equal(201);
  });

  it('a platform admin starts the move; a hospital admin may not', async () => {
    expect((await post('start-hospital-move', { toPartition: 5, reason: 'balance' }, 'admin')).status).to.equal(403);
    const moved = await post('start-hospital-move', { toPartition: 5, reason: 'balance' });
    expect(moved.status).to.equal(200);
    const started = (await allEvents(h.eventStore)).filter((e) => e.type === 'hospitals.HospitalMoveStarted');
    expect(started.map((e) => e.data)).to.deep.equal([
      {
        hospitalId: 'h1',
        fromPartition: 0,
        toPartition: 5,
        placementVersion: 2,
        reason: 'balance',
        startedAt: started[0]!.data['startedAt'],
      },
    ]);
    expect(started[0]!.streamId).to.equal('placement-platform.kafka');
  });

  it('refuses a move to where it is, a second move in progress, and a partition the topics lack, writing nothing', async () => {
    const before = (await allEvents(h.eventStore)).length;
    const same = await post('start-hospital-move', { toPartition: 0, reason: 'x' });
    expect(same.body).to.include({ status: 409, rule: 'same-partition' });
    const beyond = await post('start-hospital-move', { toPartition: 12, reason: 'x' });
    expect(beyond.body).to.include({ status: 409, rule: 'partition-out-of-range' });
    const bad = await post('start-hospital-move', { toPartition: -1, reason: 'x' });
    expect(bad.status).to.equal(400);
    expect((await allEvents(h.eventStore)).length).to.equal(before);
    await post('start-hospital-move', { toPartition: 3, reason: 'x' });
    const again = await post('start-hospital-move', { toPartition: 4, reason: 'x' });
    expect(again.body).to.include({ status: 409, rule: 'move-in-progress' });
  });

  it('is not a route for completing a move (only the relay completes one, after the drain)', async () => {
    expect((await post('complete-hospital-move', { placementVersion: 2 })).status).to.equal(404);
  });
});
