import { expect } from 'chai';
import request from 'supertest';
import { v7 as uuidv7 } from 'uuid';
import { commandHarness, envelopesOf, type Harness } from '../server/testing/harness.js';
import { hrModule } from './index.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/**
 * A command that makes something inside another record's stream (a leave request in the staff
 * member's stream) answers its id under `created`, so the next command can name it without a read.
 */
describe('hr commands answer the ids of what they made', () => {
  let h: Harness;
  const post = async (name: string, body: object, role: string, key = uuidv7(), app = h.app, sign = h.token) =>
    request(app)
      .post(`/hospitals/h1/hr/${name}`)
      .set('Authorization', `Bearer ${await sign({ role, sub: `u-${role}` })}`)
      .set('Idempotency-Key', key)
      .send(body);
  let staffId: string;

  beforeEach(async () => {
    h = await commandHarness({ modules: [hrModule] });
    const onboarded = await post(
      'onboard-staff',
      {
        givenName: 'Ida',
        familyName: 'Created',
        department: 'Nursing',
        jobTitle: 'Staff nurse',
        practitionerRoles: ['nurse'],
        startDate: '2025-01-01',
        leaveBalances: { annual: 10 },
      },
      'hr_admin',
    );
    expect(onboarded.status, JSON.stringify(onboarded.body)).to.equal(201);
    // The staff stream is the primary one, so its id is `id` and nothing else is named.
    expect(onboarded.body).not.to.have.property('created');
    staffId = onboarded.body.id;
  });

  it('request-leave answers the leave id; approve-leave with it succeeds', async () => {
    const asked = await post(
      'request-leave',
      { staffId, leaveType: 'annual', from: '2026-12-10', to: '2026-12-11' },
      'ward_manager',
    );
    expect(asked.status, JSON.stringify(asked.body)).to.equal(200);
    expect(asked.body.id).to.equal(staffId);
    expect(asked.body.created.leaveId).to.match(UUID_V7);
    const requested = (await envelopesOf(h.eventStore, `staff-h1.${staffId}`)).find(
      (e) => e.type === 'hr.LeaveRequested',
    );
    expect(requested?.data['leaveId']).to.equal(asked.body.created.leaveId);
    const approved = await post('approve-leave', { staffId, leaveId: asked.body.created.leaveId }, 'hr_admin');
    expect(approved.status, JSON.stringify(approved.body)).to.equal(200);
    expect(approved.body.events).to.deep.equal(['hr.LeaveApproved']);
    expect(approved.body).not.to.have.property('created');
  });

  it('a repeat answers the same id, from the cache and from the command record after a restart', async () => {
    const body = { staffId, leaveType: 'annual', from: '2026-12-14', to: '2026-12-14' };
    const first = await post('request-leave', body, 'ward_manager', 'leave-key');
    const cached = await post('request-leave', body, 'ward_manager', 'leave-key');
    expect(cached.headers['idempotent-replayed']).to.equal('true');
    expect(cached.body).to.deep.equal(first.body);
    // Another process on the same event store with an empty idempotency cache.
    const restarted = await commandHarness({ eventStore: h.eventStore, modules: [hrModule] });
    const recorded = await post('request-leave', body, 'ward_manager', 'leave-key', restarted.app, restarted.token);
    expect(recorded.headers['idempotent-replayed']).to.equal('true');
    expect(recorded.body.created).to.deep.equal(first.body.created);
    expect(recorded.body).to.deep.equal(first.body);
  });

  it('the openapi document lists what each command answers under created', async () => {
    const doc = (await request(h.app).get('/openapi.json')).body;
    const answer = (name: string) =>
      doc.paths[`/hospitals/{hospitalId}/hr/${name}`].post.responses['200'].content['application/json'].schema;
    const made = (name: string) => Object.keys(answer(name).properties.created?.properties ?? {});
    expect(made('request-leave')).to.deep.equal(['leaveId']);
    expect(made('assign-shift')).to.deep.equal(['shiftId']);
    expect(made('record-licence')).to.deep.equal(['licenceId']);
    expect(made('request-swap')).to.deep.equal(['swapId']);
    expect(answer('request-leave').required).to.include('created');
    expect(made('approve-leave')).to.deep.equal([]);
  });
});
