import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import {
  type EventEnvelope,
  envelopeFromRecorded,
  GENESIS_HASH,
  sealHashed,
  streamId,
  toEventToAppend,
  verifyChain,
} from '@chartline/events';
import {
  createMemoryKeyStore,
  type EventStore,
  PostgresEventStore,
  requireService,
  SqliteEventStore,
} from '@chartline/infra';
import { expect } from 'chai';
import fc from 'fast-check';
import pg from 'pg';
import request from 'supertest';
import { v7 as uuidv7 } from 'uuid';
import { admissionsModule } from '../admissions/index.js';
import { patientsModule } from '../patients/index.js';
import { commandHarness, type Harness } from './testing/harness.js';

const exec = promisify(execFile);
const VERIFIER = resolve(import.meta.dirname, '../../../scripts/audit/verify_chain.py');

async function envelopes(store: EventStore): Promise<EventEnvelope[]> {
  return (await store.readAll()).map(envelopeFromRecorded);
}

function byStream(events: readonly EventEnvelope[]): Map<string, EventEnvelope[]> {
  const streams = new Map<string, EventEnvelope[]>();
  for (const e of events) streams.set(e.streamId, [...(streams.get(e.streamId) ?? []), e]);
  return streams;
}

/** A stream as the first release wrote it: hash rule v1, no chainVersion, the store's own clock. */
async function appendV1History(store: EventStore, hospitalId: string): Promise<string> {
  const wardId = uuidv7();
  const stream = streamId('ward', hospitalId, wardId);
  const sealed = sealHashed({
    eventId: uuidv7(),
    type: 'admissions.WardDefined',
    schemaVersion: 1,
    streamId: stream,
    revision: 0,
    hospitalId,
    occurredAt: '2024-01-02T03:04:05.678Z',
    recordedAt: '',
    chainVersion: 1,
    actor: { id: 'admin-0', role: 'admin' },
    correlationId: uuidv7(),
    causationId: uuidv7(),
    traceparent: null,
    prevHash: GENESIS_HASH,
    data: { wardId, name: 'Old ward', specialty: 'medical', definedAt: '2024-01-02T03:04:05.678Z' },
  });
  const { recordedAt: _r, metadata, ...append } = toEventToAppend(sealed);
  const { chainVersion: _v, ...oldMetadata } = metadata;
  await store.append(stream, [{ ...append, metadata: oldMetadata }], 'no_stream');
  return stream;
}

/**
 * The hash chain at the storage level: events recorded through the command server in PostgreSQL
 * (and SQLite) verify — with this code and with an independent verifier written in Python from
 * docs/events.md alone — and a recordedAt changed in the database row breaks the chain.
 */
describe('hash chain in the stores (chain version 2; v1 histories still verify)', () => {
  let url: string;
  let harness: Harness | undefined;
  let pgStore: PostgresEventStore;
  const schema = `chain_it_${Date.now().toString(36)}`;
  const hospital = `hch${Date.now().toString(36)}`;
  const dir = mkdtempSync(join(tmpdir(), 'chartline-chain-'));

  before(async function () {
    url = requireService(this, 'POSTGRES_URL', 'the PostgreSQL event store');
    pgStore = await PostgresEventStore.open({ url, schema });
    harness = await commandHarness({
      modules: [patientsModule, admissionsModule],
      eventStore: pgStore,
      keyStore: createMemoryKeyStore(),
    });
    const post = async (path: string, body: object, role: string) => {
      const res = await request(harness!.app)
        .post(`/hospitals/${hospital}/${path}`)
        .set('Authorization', `Bearer ${await harness!.token({ role, hospitals: [hospital], sub: `u-${role}` })}`)
        .set('Idempotency-Key', uuidv7())
        .send(body);
      expect(res.status, JSON.stringify(res.body)).to.be.oneOf([200, 201]);
      return res.body.id as string;
    };
    const wardId = await post(
      'admissions/define-ward',
      { name: 'Station Süd “Ost” 😀', specialty: 'medical' },
      'admin',
    );
    const bedId = await post('admissions/add-bed', { wardId, label: 'A-1\tß' }, 'admin');
    const patientId = await post(
      'patients/register-patient',
      { givenName: 'Zoë', familyName: 'Ångström', birthDate: '1970-01-01', sex: 'female' },
      'front_desk',
    );
    const stayId = await post('admissions/request-admission', { patientId, wardId }, 'front_desk');
    await post('admissions/admit-patient', { stayId, patientId, bedId }, 'nurse');
    await appendV1History(pgStore, hospital);
  });

  after(async () => {
    await harness?.eventStore.close();
    rmSync(dir, { recursive: true, force: true });
    if (!url) return;
    const client = new pg.Client(url);
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  });

  it('records chain version 2 with the writer’s recordedAt, and every stream verifies', async () => {
    const events = await envelopes(pgStore);
    const v2 = events.filter((e) => e.chainVersion === 2);
    expect(v2.length).to.be.greaterThan(5);
    expect(events.filter((e) => e.chainVersion === 1)).to.have.length(1);
    // The writer's clock to the millisecond, kept by PostgreSQL's timestamptz column.
    for (const e of v2) expect(e.recordedAt).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    for (const [stream, chain] of byStream(events)) expect(verifyChain(chain).ok, stream).to.equal(true);
  });

  it('is verified by the independent Python verifier written from docs/events.md, both versions', async () => {
    const events = await envelopes(pgStore);
    const file = join(dir, 'export.json');
    writeFileSync(file, JSON.stringify({ items: events }));
    const { stdout } = await exec('python3', [VERIFIER, file, '--json']);
    const verdicts = JSON.parse(stdout) as Record<string, { ok: boolean; headHash?: string }>;
    const streams = byStream(events);
    expect(Object.keys(verdicts).sort()).to.deep.equal([...streams.keys()].sort());
    for (const [stream, chain] of streams) {
      expect(verdicts[stream], stream).to.deep.equal({ ...verifyChain(chain) });
    }
  });

  it('the Python verifier agrees on data of every JSON shape: floats, exponents, unicode keys, escapes, lone surrogates', async () => {
    const values = fc.sample(fc.jsonValue(), { numRuns: 300, seed: 8785 });
    const odd = [
      1e21,
      1e-7,
      5e-324,
      -0,
      0.1 + 0.2,
      123456789012345680000,
      '\ud800 lone',
      '\u0000\u001f\u2028/',
      { '\u20ac': 1, '\r': 2, '\ud83d\ude00': 3, '\ufb33': 4 },
    ];
    const chain: EventEnvelope[] = [];
    for (const [revision, value] of [...odd, ...values].entries()) {
      const sealed = sealHashed({
        eventId: uuidv7(),
        type: 'samples.Anything',
        schemaVersion: 1,
        streamId: 'sample-h1.json',
        revision,
        hospitalId: 'h1',
        occurredAt: '2025-03-01T08:30:00.000Z',
        recordedAt: '2025-03-01T08:30:00.001Z',
        chainVersion: 2,
        actor: { id: 'u', role: 'nurse' },
        correlationId: 'c',
        causationId: 'c',
        traceparent: null,
        prevHash: chain[revision - 1]?.hash ?? GENESIS_HASH,
        data: { value } as Record<string, unknown>,
      });
      chain.push({ ...sealed, position: revision + 1 });
    }
    const file = join(dir, 'shapes.json');
    writeFileSync(file, JSON.stringify(chain));
    const { stdout } = await exec('python3', [VERIFIER, file, '--json']);
    expect(JSON.parse(stdout)['sample-h1.json']).to.deep.equal({ ...verifyChain(chain) });
    expect(verifyChain(chain).ok).to.equal(true);
  });

  it('the Python verifier names the revision whose recordedAt, data or order was tampered with', async () => {
    const events = await envelopes(pgStore);
    const stay = [...byStream(events).values()].find((c) => c[0]!.streamId.startsWith('stay-') && c.length > 1)!;
    const tamper = async (edit: (chain: EventEnvelope[]) => unknown[]) => {
      const file = join(dir, `tampered-${uuidv7()}.json`);
      writeFileSync(file, JSON.stringify(edit(stay.map((e) => structuredClone(e)))));
      const failed = await exec('python3', [VERIFIER, file, '--json']).then(
        () => undefined,
        (error: { code: number; stdout: string }) => error,
      );
      expect(failed?.code).to.equal(1);
      return JSON.parse(failed!.stdout)[stay[0]!.streamId];
    };
    expect(
      await tamper((c) => c.map((e, i) => (i === 1 ? { ...e, recordedAt: '2020-01-01T00:00:00.000Z' } : e))),
    ).to.deep.equal({ ok: false, firstBadRevision: 1, reason: 'altered' });
    expect(
      await tamper((c) => c.map((e, i) => (i === 0 ? { ...e, data: { ...e.data, wardId: 'x' } } : e))),
    ).to.deep.equal({ ok: false, firstBadRevision: 0, reason: 'altered' });
    expect(await tamper((c) => [c[1], c[0]])).to.deep.equal({
      ok: false,
      firstBadRevision: 0,
      reason: 'removed-or-reordered',
    });
  });

  it('a recordedAt changed in the PostgreSQL row fails verification (v2); in a v1 row it cannot be seen', async () => {
    const events = await envelopes(pgStore);
    const stay = [...byStream(events).values()].find((c) => c[0]!.streamId.startsWith('stay-') && c.length > 1)!;
    const client = new pg.Client(url);
    await client.connect();
    try {
      await client.query(
        `UPDATE "${schema}".events SET recorded_at = recorded_at - interval '1 hour' WHERE stream_id = $1 AND revision = 1`,
        [stay[0]!.streamId],
      );
      const reread = (await pgStore.readStream(stay[0]!.streamId)).map(envelopeFromRecorded);
      expect(reread[1]!.recordedAt).to.not.equal(stay[1]!.recordedAt);
      expect(verifyChain(reread)).to.deep.equal({ ok: false, firstBadRevision: 1, reason: 'altered' });

      const old = events.find((e) => e.chainVersion === 1)!;
      await client.query(
        `UPDATE "${schema}".events SET recorded_at = recorded_at - interval '1 hour' WHERE stream_id = $1`,
        [old.streamId],
      );
      expect(verifyChain((await pgStore.readStream(old.streamId)).map(envelopeFromRecorded)).ok).to.equal(true);
    } finally {
      await client.end();
    }
  });

  it('SQLite keeps the writer’s recordedAt too, and a changed row fails verification', async () => {
    const file = join(dir, 'events.db');
    const sqlite = new SqliteEventStore({ path: file });
    try {
      const events = await envelopes(pgStore);
      const bed = [...byStream(events).values()].find((c) => c[0]!.streamId.startsWith('bed-'))!;
      const appended = bed.map((e) => toEventToAppend(e));
      await sqlite.append(bed[0]!.streamId, appended, 'no_stream');
      const copied = (await sqlite.readStream(bed[0]!.streamId)).map(envelopeFromRecorded);
      expect(copied.map((e) => e.recordedAt)).to.deep.equal(bed.map((e) => e.recordedAt));
      expect(verifyChain(copied).ok).to.equal(true);
      const { default: Database } = await import('better-sqlite3');
      const db = new Database(file);
      db.prepare("UPDATE es_events SET recorded_at = '2020-01-01T00:00:00.000Z' WHERE revision = 0").run();
      db.close();
      expect(verifyChain((await sqlite.readStream(bed[0]!.streamId)).map(envelopeFromRecorded))).to.deep.equal({
        ok: false,
        firstBadRevision: 0,
        reason: 'altered',
      });
    } finally {
      await sqlite.close();
    }
  });
});
