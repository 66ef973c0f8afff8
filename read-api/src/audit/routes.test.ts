import { generateKeyPairSync } from 'node:crypto';
import {
  type AnchorStore,
  anchorHospitals,
  anchorSigner,
  type EventStore,
  type RecordedEvent,
  type SignedAnchor,
} from '@chartline/infra';
import { expect } from 'chai';
import request from 'supertest';
import { createReadApp } from '../server/app.js';
import { memoryStores, project, type SeededHospital, type Stores, seedHospital, tokens } from '../testing/hospital.js';

/** The real store, with one stored event's data rewritten on the way out: what a tampered row looks like. */
function tampered(inner: EventStore, streamId: string, revision: number): EventStore {
  const alter = (records: RecordedEvent[]) =>
    records.map((r) =>
      r.streamId === streamId && r.revision === revision ? { ...r, data: { ...r.data, label: 'forged' } } : r,
    );
  return new Proxy(inner, {
    get(target, property, receiver) {
      if (property === 'readStream') {
        return async (...args: Parameters<EventStore['readStream']>) => alter(await target.readStream(...args));
      }
      return Reflect.get(target, property, receiver);
    },
  });
}

describe('read API: audit routes', () => {
  let stores: Stores;
  let h: SeededHospital;
  let app: ReturnType<typeof createReadApp>;
  let auditor: string;
  const auth = tokens();

  before(async () => {
    stores = memoryStores();
    h = await seedHospital(stores, 'h1');
    await seedHospital(stores, 'h2');
    await project(stores);
    app = createReadApp({ ...stores, auth: auth.auth });
    auditor = await auth.mint('auditor', ['h1'], 'auditor-1');
  });

  const get = (path: string, token = auditor) => request(app).get(path).set('Authorization', `Bearer ${token}`);

  it('lists a stream’s events with their metadata, paged by revision', async () => {
    const res = await get(`/hospitals/h1/audit/streams/stay-h1.${h.adaStay}/events?limit=1`).expect(200);
    expect(res.body.events).to.have.length(1);
    const [first] = res.body.events;
    expect(first).to.include({ type: 'admissions.AdmissionRequested', revision: 0, hospitalId: 'h1' });
    expect(first.actor).to.deep.equal({ id: 'clerk-1', role: 'front_desk' });
    expect(first.hash).to.match(/^[0-9a-f]{64}$/);
    expect(first.prevHash).to.equal('0'.repeat(64));
    expect(res.body.nextRevision).to.equal(1);
    const rest = await get(`/hospitals/h1/audit/streams/stay-h1.${h.adaStay}/events?fromRevision=1`).expect(200);
    expect(rest.body.events.map((e: { type: string }) => e.type)).to.deep.equal(['admissions.PatientAdmitted']);
    expect(rest.body.nextRevision).to.equal(null);
  });

  it('answers 404 alike for a missing stream, another hospital’s stream and a malformed id', async () => {
    for (const stream of [`stay-h1.nope`, `stay-h2.${h.adaStay}`, 'not-a-stream']) {
      const res = await get(`/hospitals/h1/audit/streams/${stream}/events`);
      expect(res.status, stream).to.be.oneOf([404, 400]);
    }
    const other = await get(`/hospitals/h1/audit/streams/stay-h2.${h.adaStay}/events`).expect(404);
    const missing = await get('/hospitals/h1/audit/streams/stay-h1.nope/events').expect(404);
    expect(other.body.detail).to.equal(missing.body.detail);
  });

  it('verifies an intact chain and names the first altered revision of a tampered one', async () => {
    const ok = await get(`/hospitals/h1/audit/streams/bed-h1.${h.bedIds[0]}/verification`).expect(200);
    expect(ok.body).to.include({ ok: true, events: 2 });
    expect(ok.body.headHash).to.match(/^[0-9a-f]{64}$/);

    const forged = createReadApp({
      ...stores,
      eventStore: tampered(stores.eventStore, `bed-h1.${h.bedIds[0]}`, 0),
      auth: auth.auth,
    });
    const bad = await request(forged)
      .get(`/hospitals/h1/audit/streams/bed-h1.${h.bedIds[0]}/verification`)
      .set('Authorization', `Bearer ${auditor}`)
      .expect(200);
    expect(bad.body).to.deep.include({ ok: false, firstBadRevision: 0, reason: 'altered' });
  });

  it('folds a stay’s state as of a revision and as of a time, with the write side’s evolve', async () => {
    const stream = `stay-h1.${h.adaStay}`;
    const planned = await get(`/hospitals/h1/audit/streams/${stream}/state?revision=0`).expect(200);
    expect(planned.body).to.include({ revision: 0 });
    expect(planned.body.state).to.include({ status: 'planned', patientId: h.ada, bedId: null });
    const now = await get(`/hospitals/h1/audit/streams/${stream}/state`).expect(200);
    expect(now.body.state).to.include({ status: 'in_progress', bedId: h.bedIds[0] });
    const asOf = await get(`/hospitals/h1/audit/streams/${stream}/state?asOf=${planned.body.recordedAt}`).expect(200);
    expect(asOf.body.revision).to.be.at.least(0);
    await get(`/hospitals/h1/audit/streams/${stream}/state?asOf=2000-01-01T00:00:00Z`).expect(404);
    await get(`/hospitals/h1/audit/streams/${stream}/state?asOf=2000-01-01T00:00:00Z&revision=1`).expect(400);
    const patient = await get(`/hospitals/h1/audit/streams/patient-h1.${h.ada}/state`).expect(200);
    expect(patient.body.state).to.include({ registered: true, mrn: '00000018' });
    expect(patient.body.state.activeStayIds).to.deep.equal([h.adaStay]);
    await get(`/hospitals/h1/audit/streams/access-h1.${h.ada}/state`).expect((res) => {
      expect(res.status).to.be.oneOf([400, 404]);
    });
  });

  it('lists the hospital’s events by type, actor and time range, paged, never another hospital’s', async () => {
    const all = await get('/hospitals/h1/audit/events?limit=100').expect(200);
    // The registration, the ward, beds, patients, a stay, an item, a pharmacy, a receipt, two issues,
    // a rostered nurse (21), a lab order (6 events) and the stay's billing account; h2 holds 28 more.
    expect(all.body.items).to.have.length(28);
    expect(all.body.items.every((e: { hospitalId: string }) => e.hospitalId === 'h1')).to.equal(true);
    const positions = all.body.items.map((e: { position: number }) => e.position);
    expect(positions).to.deep.equal([...positions].sort((a, b) => a - b));

    const beds = await get('/hospitals/h1/audit/events?type=admissions.BedAdded').expect(200);
    expect(beds.body.items).to.have.length(2);
    const page1 = await get('/hospitals/h1/audit/events?type=admissions.BedAdded&limit=1').expect(200);
    expect(page1.body.items).to.have.length(1);
    const page2 = await get(
      `/hospitals/h1/audit/events?type=admissions.BedAdded&limit=1&cursor=${page1.body.nextCursor}`,
    );
    expect(page2.body.items[0].eventId).to.not.equal(page1.body.items[0].eventId);

    const byActor = await get('/hospitals/h1/audit/events?actorId=someone-else').expect(200);
    expect(byActor.body.items).to.deep.equal([]);
    const future = await get('/hospitals/h1/audit/events?from=2999-01-01T00:00:00Z').expect(200);
    expect(future.body.items).to.deep.equal([]);
    const past = await get('/hospitals/h1/audit/events?to=2999-01-01T00:00:00Z&limit=5').expect(200);
    expect(past.body.items).to.have.length(5);
  });

  it('shows auditors the personal-data access log: who read which patient, when, through which route', async () => {
    const nurse = await auth.mint('nurse', ['h1'], 'nurse-7');
    await request(app).get(`/hospitals/h1/patients/${h.zoe}`).set('Authorization', `Bearer ${nurse}`).expect(200);
    const log = await get(`/hospitals/h1/audit/access-log?patientId=${h.zoe}`).expect(200);
    expect(log.body.items).to.have.length(1);
    expect(log.body.items[0].actor).to.deep.equal({ id: 'nurse-7', role: 'nurse' });
    expect(log.body.items[0].data).to.include({
      patientId: h.zoe,
      view: 'summary',
      route: 'GET /hospitals/:hospitalId/patients/:patientId',
    });
    const all = await get('/hospitals/h1/audit/access-log').expect(200);
    expect(all.body.items.map((e: { data: { patientId: string } }) => e.data.patientId)).to.include(h.zoe);
    const chain = await get(`/hospitals/h1/audit/streams/access-h1.${h.zoe}/verification`).expect(200);
    expect(chain.body.ok).to.equal(true);
  });

  describe('anchor verification', () => {
    const signer = anchorSigner(
      generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    );
    /** An anchor store held in memory: the route reads only `latest`. */
    const kept: SignedAnchor[] = [];
    const anchorStore: AnchorStore = {
      append: async (a) => {
        kept.push(a);
        return true;
      },
      latest: async (hospitalId) => kept.filter((a) => a.checkpoint.hospitalId === hospitalId).at(-1),
      all: async () => kept,
      close: async () => undefined,
    };
    /** The store with a stream's last event gone: what a deleted row looks like. */
    const truncated = (inner: EventStore, streamId: string): EventStore =>
      new Proxy(inner, {
        get(target, property, receiver) {
          if (property === 'readStream') {
            return async (id: string, options?: Parameters<EventStore['readStream']>[1]) => {
              if (id !== streamId) return target.readStream(id, options);
              const all = await target.readStream(id);
              const kept = all.slice(0, -1);
              if (options?.direction === 'backwards') return kept.slice(-1);
              return kept.filter((r) => r.revision >= (options?.fromRevision ?? 0)).slice(0, options?.maxCount);
            };
          }
          return Reflect.get(target, property, receiver);
        },
      });
    const verify = (store: EventStore, withAnchors = true) =>
      request(
        createReadApp({
          ...stores,
          eventStore: store,
          auth: auth.auth,
          ...(withAnchors ? { anchors: { store: anchorStore, publicKey: signer.publicKey } } : {}),
        }),
      )
        .get('/hospitals/h1/audit/anchor-verification')
        .set('Authorization', `Bearer ${auditor}`)
        .expect(200);

    before(async () => {
      await anchorHospitals({ eventStore: stores.eventStore, anchors: anchorStore, signer });
    });

    it('says so when anchors are not configured, and finds the store matching its anchor', async () => {
      expect((await verify(stores.eventStore, false)).body).to.deep.equal({
        hospitalId: 'h1',
        status: 'not-configured',
      });
      const ok = (await verify(stores.eventStore)).body;
      expect(ok).to.include({ hospitalId: 'h1', status: 'ok' });
      expect(ok.streams).to.be.greaterThan(3);
      expect(ok.truncated).to.deep.equal([]);
    });

    it('reports a stream whose last event is gone since the anchor, naming it and the missing revision', async () => {
      const stream = `stay-h1.${h.adaStay}`;
      const verdict = (await verify(truncated(stores.eventStore, stream))).body;
      expect(verdict.status).to.equal('broken');
      expect(verdict.truncated).to.deep.equal([
        { streamId: stream, anchoredRevision: 1, currentRevision: 0, missingRevisions: { from: 1, to: 1 } },
      ]);
    });

    it('refuses a forged anchor', async () => {
      const genuine = kept.find((a) => a.checkpoint.hospitalId === 'h1')!;
      kept.push({ ...genuine, checkpoint: { ...genuine.checkpoint, heads: genuine.checkpoint.heads.slice(1) } });
      expect((await verify(stores.eventStore)).body).to.include({ status: 'invalid-signature', keyId: signer.keyId });
      kept.pop();
    });
  });
});
