import { expect } from 'chai';
import request from 'supertest';
import { v7 as uuidv7 } from 'uuid';
import { type InProcessChartline, startInProcessChartline } from '../observability/in-process-chartline.js';

/**
 * Issue 22 item 10: optimistic concurrency from the read side. A document read from the read API
 * carries the revision of the aggregate it shows; sent as `If-Match: "<revision>"` with a command
 * on that aggregate it is accepted, and once the aggregate moved on it is refused with 412.
 */
describe('If-Match from a read: the revision a read model shows is the one a command expects', () => {
  let chartline: InProcessChartline;
  const hospitalId = `h-${uuidv7()}`;
  const tokens: Record<string, string> = {};
  let position = '0';

  before(async () => {
    chartline = await startInProcessChartline({ write: () => {} });
    for (const role of ['admin', 'front_desk', 'nurse']) {
      tokens[role] = await chartline.mint({ sub: `${role}-1`, role, hospitals: [hospitalId] });
    }
  });
  after(() => chartline?.stop());

  async function command(role: string, path: string, body: object, ifMatch?: string) {
    const req = request(chartline.commandApp)
      .post(`/hospitals/${hospitalId}/${path}`)
      .set('Authorization', `Bearer ${tokens[role]}`)
      .set('Idempotency-Key', uuidv7());
    if (ifMatch !== undefined) req.set('If-Match', ifMatch);
    const res = await req.send(body);
    if (res.headers['x-consistency-token']) position = String(res.headers['x-consistency-token']);
    return res;
  }
  /** Reads its own writes: the consistency token of the last command. */
  const read = (role: string, path: string) =>
    request(chartline.readApp)
      .get(`/hospitals/${hospitalId}/${path}`)
      .set('Authorization', `Bearer ${tokens[role]}`)
      .set('X-Consistency-Token', position);

  it('a bed from the bed board: its revision closes the bed; the same revision after a change is 412', async () => {
    const ward = await command('admin', 'admissions/define-ward', { name: 'Cardiology 3 East', specialty: 'medical' });
    const wardId = String(ward.body.id);
    const added = await command('admin', 'admissions/add-bed', { wardId, label: '3E-01' });
    const bedId = String(added.body.id);

    const board = await read('nurse', `wards/${wardId}/beds`);
    expect(board.status, JSON.stringify(board.body)).to.equal(200);
    const [bed] = board.body.items;
    expect(bed).to.include({ bedId, status: 'free', revision: 0 });

    const closed = await command(
      'nurse',
      'admissions/close-bed',
      { bedId, reason: 'maintenance' },
      `"${bed.revision}"`,
    );
    expect(closed.status, JSON.stringify(closed.body)).to.equal(200);
    const reopen = await command('nurse', 'admissions/reopen-bed', { bedId }, `"${bed.revision}"`);
    expect(reopen.status, 'the bed moved on since that read').to.equal(412);
    expect(reopen.body).to.include({ status: 412 });

    const again = await read('nurse', `wards/${wardId}/beds`);
    expect(again.body.items[0]).to.include({ status: 'closed', revision: 1 });
    const reopened = await command('nurse', 'admissions/reopen-bed', { bedId }, `"${again.body.items[0].revision}"`);
    expect(reopened.status).to.equal(200);
  });

  it('a patient summary: its revision counts the admissions events on the patient stream too', async () => {
    const ward = await command('admin', 'admissions/define-ward', { name: 'Surgery 2', specialty: 'surgical' });
    const registered = await command('front_desk', 'patients/register-patient', {
      givenName: 'Ada',
      familyName: 'Revision',
      birthDate: '1980-02-03',
      sex: 'female',
    });
    const patientId = String(registered.body.id);
    // request-admission appends StayOpened to the patient stream: the patients projector never sees it.
    const requested = await command('front_desk', 'admissions/request-admission', {
      patientId,
      wardId: String(ward.body.id),
    });
    expect(requested.status, JSON.stringify(requested.body)).to.equal(201);

    const summary = await read('front_desk', `patients/${patientId}`);
    expect(summary.status).to.equal(200);
    expect(summary.body.revision, 'PatientRegistered (0), StayOpened (1)').to.equal(1);

    const stale = await command('front_desk', 'patients/update-demographics', { patientId, phone: '555-0100' }, '"0"');
    expect(stale.status, 'the revision of the patients events alone is stale').to.equal(412);
    const updated = await command(
      'front_desk',
      'patients/update-demographics',
      { patientId, phone: '555-0100' },
      `"${summary.body.revision}"`,
    );
    expect(updated.status, JSON.stringify(updated.body)).to.equal(200);
    expect((await read('front_desk', `patients/${patientId}`)).body).to.include({ phone: '555-0100', revision: 2 });
  });

  it("a stay from the patient's stays: its revision admits; a stale one is 412", async () => {
    const ward = await command('admin', 'admissions/define-ward', { name: 'Medicine 1', specialty: 'medical' });
    const wardId = String(ward.body.id);
    const bedId = String((await command('admin', 'admissions/add-bed', { wardId, label: 'M1-01' })).body.id);
    const patientId = String(
      (
        await command('front_desk', 'patients/register-patient', {
          givenName: 'Zoe',
          familyName: 'Stay',
          birthDate: '1990-04-01',
          sex: 'female',
        })
      ).body.id,
    );
    const stayId = String((await command('front_desk', 'admissions/request-admission', { patientId, wardId })).body.id);

    const stays = await read('front_desk', `patients/${patientId}/stays`);
    expect(stays.status).to.equal(200);
    expect(stays.body.items[0]).to.include({ stayId, status: 'planned', revision: 0 });
    expect(stays.body.items[0], 'bookkeeping stays inside').not.to.have.property('patientRevision');

    const reserved = await command('front_desk', 'admissions/reserve-bed', { stayId, bedId }, '"0"');
    expect(reserved.status, JSON.stringify(reserved.body)).to.equal(200);
    const stale = await command('front_desk', 'admissions/admit-patient', { stayId, patientId, bedId }, '"0"');
    expect(stale.status).to.equal(412);
    const fresh = await read('front_desk', `patients/${patientId}/stays`);
    expect(fresh.body.items[0]).to.include({ reservedBedId: bedId, revision: 1 });
    const admitted = await command('front_desk', 'admissions/admit-patient', { stayId, patientId, bedId }, '"1"');
    expect(admitted.status, JSON.stringify(admitted.body)).to.equal(200);
  });
});
