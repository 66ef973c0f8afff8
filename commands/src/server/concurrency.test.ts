import type { EventStore } from '@chartline/infra';
import { expect } from 'chai';
import request from 'supertest';
import { v7 as uuidv7 } from 'uuid';
import { allEvents, commandHarness, envelopesOf, type Harness } from './testing/harness.js';

/**
 * Failure injection: the next `count` appends first let a competing command through, as if another
 * pod wrote between our load and our append.
 */
function competeBeforeAppends(store: EventStore, count: number, competitor: () => Promise<unknown>): void {
  const appendToStreams = store.appendToStreams.bind(store);
  let left = count;
  let competing = false;
  store.appendToStreams = async (appends, options) => {
    // The competitor's own appends go straight through.
    if (left > 0 && !competing) {
      left--;
      competing = true;
      await competitor().finally(() => {
        competing = false;
      });
    }
    return appendToStreams(appends, options);
  };
}

describe('command server: concurrency', () => {
  let h: Harness;
  const post = async (path: string, body: object, headers: Record<string, string> = {}) => {
    let req = request(h.app)
      .post(`/hospitals/h1/wardtest/${path}`)
      .set('Authorization', `Bearer ${await h.token({ role: 'nurse' })}`)
      .set('Idempotency-Key', uuidv7());
    for (const [name, value] of Object.entries(headers)) req = req.set(name, value);
    return req.send(body);
  };
  const admitBody = (stayId: string, bedId = 'b1') => ({
    stayId,
    patientId: `p-${stayId}`,
    bedId,
    name: 'N',
    birthDate: '2001-02-03',
  });

  describe('If-Match', () => {
    beforeEach(async () => {
      h = await commandHarness();
      await post('open-bed', { bedId: 'b1' });
      await post('admit', admitBody('s1'));
    });

    it('writes when the primary stream is at the revision the client saw', async () => {
      const res = await post('add-note', { stayId: 's1', note: 'a' }, { 'If-Match': '"0"' });
      expect(res.status).to.equal(200);
      expect(res.headers['etag']).to.equal('"1"');
    });

    it('answers 412 when it moved on, and appends nothing', async () => {
      await post('add-note', { stayId: 's1', note: 'a' });
      const before = (await allEvents(h.eventStore)).length;
      const res = await post('add-note', { stayId: 's1', note: 'b' }, { 'If-Match': '"0"' });
      expect(res.status).to.equal(412);
      expect(res.body).to.include({ type: '/problems/precondition-failed', status: 412 });
      expect(await allEvents(h.eventStore)).to.have.length(before);
    });

    it('answers 412 for a stream that does not exist yet', async () => {
      const res = await post('add-note', { stayId: 'nope', note: 'b' }, { 'If-Match': '"0"' });
      expect(res.status).to.equal(412);
    });
  });

  it('two concurrent admissions to one bed: exactly one 201, the other 409 bed-occupied; one admission stored', async () => {
    h = await commandHarness();
    await post('open-bed', { bedId: 'b1' });
    const results = await Promise.all([post('admit', admitBody('s1')), post('admit', admitBody('s2'))]);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).to.deep.equal([201, 409]);
    const refused = results.find((r) => r.status === 409)!;
    expect(refused.body.rule).to.equal('bed-occupied');
    const bed = await envelopesOf(h.eventStore, 'testbed-h1.b1');
    expect(bed.map((e) => e.type)).to.deep.equal(['wardtest.BedOpened', 'wardtest.BedOccupied']);
    const stays = (await allEvents(h.eventStore)).filter((e) => e.type === 'wardtest.PatientAdmitted');
    expect(stays).to.have.length(1);
  });

  it('a concurrent write between load and append: the retry sees it and refuses with the rule', async () => {
    let competitorRan = false;
    h = await commandHarness();
    await post('open-bed', { bedId: 'b1' });
    // s2 takes the bed after our request loaded it as free.
    competeBeforeAppends(h.eventStore, 1, async () => {
      competitorRan = true;
      await post('admit', admitBody('s2'));
    });
    const res = await post('admit', admitBody('s1'));
    expect(competitorRan).to.equal(true);
    expect(res.status).to.equal(409);
    expect(res.body.rule).to.equal('bed-occupied');
    expect((await envelopesOf(h.eventStore, 'teststay-h1.s1')).length).to.equal(0);
    expect((await envelopesOf(h.eventStore, 'teststay-h1.s2')).length).to.equal(1);
  });

  it('a concurrent write that breaks no rule: the retry succeeds on top of it', async () => {
    h = await commandHarness();
    await post('open-bed', { bedId: 'b1' });
    await post('admit', admitBody('s1'));
    competeBeforeAppends(h.eventStore, 1, () => post('add-note', { stayId: 's1', note: 'theirs' }));
    const res = await post('add-note', { stayId: 's1', note: 'ours' });
    expect(res.status).to.equal(200);
    expect(res.body.revision).to.equal(2);
    const stay = await envelopesOf(h.eventStore, 'teststay-h1.s1');
    expect(stay.map((e) => e.revision)).to.deep.equal([0, 1, 2]);
  });

  it('conflicting twice in a row: 409 concurrent-change, nothing of ours appended', async () => {
    h = await commandHarness();
    await post('open-bed', { bedId: 'b1' });
    await post('admit', admitBody('s1'));
    competeBeforeAppends(h.eventStore, 2, () => post('add-note', { stayId: 's1', note: 'theirs' }));
    const res = await post('add-note', { stayId: 's1', note: 'ours' });
    expect(res.status).to.equal(409);
    expect(res.body).to.include({ type: '/problems/concurrent-change' });
    expect(res.body.rule).to.equal(undefined);
    const stay = await envelopesOf(h.eventStore, 'teststay-h1.s1');
    expect(stay).to.have.length(3);
  });
});
