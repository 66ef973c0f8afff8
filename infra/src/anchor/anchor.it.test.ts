import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EventEnvelope, GENESIS_HASH, toEventToAppend } from '@chartline/events';
import { fixtureCatalogue, SampleAnalysed, testEnvelope } from '@chartline/events/testing';
import { expect } from 'chai';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { PostgresEventStore } from '../eventstore/postgres/postgres-event-store.js';
import { quoteIdent } from '../eventstore/postgres/schema.js';
import { requireService } from '../testing/services.js';
import { anchorHospitals } from './anchor-run.js';
import type { AnchorStore } from './anchor-store.js';
import { anchorSigner, type SignedAnchor } from './checkpoint.js';
import { fileAnchorStore } from './file-anchor-store.js';
import { openPostgresAnchorStore } from './postgres-anchor-store.js';
import { verifyAgainstAnchor } from './verify-anchor.js';

const newSigner = () =>
  anchorSigner(generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());

/** A stream of `count` chained events of one hospital, appended to the store. */
async function appendStream(store: PostgresEventStore, hospitalId: string, count: number): Promise<EventEnvelope[]> {
  const aggregateId = uuidv7();
  const chain: EventEnvelope[] = [];
  for (let revision = 0; revision < count; revision++) {
    chain.push(
      testEnvelope(SampleAnalysed, { hospitalId, aggregateId, revision, prevHash: chain.at(-1)?.hash ?? GENESIS_HASH }),
    );
  }
  await store.append(
    chain[0]!.streamId,
    chain.map((e) => toEventToAppend(e, fixtureCatalogue)),
    'no_stream',
  );
  return chain;
}

/**
 * Anchors against real PostgreSQL: the event store in one schema, the anchors in another (in
 * production another database with other credentials). Deleting a stream's last event after an
 * anchoring run is reported as truncation naming the stream and the missing revisions.
 */
describe('anchored stream heads (PostgreSQL)', () => {
  let url: string;
  let store: PostgresEventStore;
  let anchors: AnchorStore;
  const run = Date.now().toString(36);
  const esSchema = `anchor_es_${run}`;
  const anchorSchema = `anchor_store_${run}`;
  const [h1, h2] = [`ha${run}`, `hb${run}`];
  const signer = newSigner();
  let streams: EventEnvelope[][];
  const sql = async (text: string, params: unknown[] = []) => {
    const client = new pg.Client(url);
    await client.connect();
    try {
      return await client.query(text, params);
    } finally {
      await client.end();
    }
  };

  before(async function () {
    url = requireService(this, 'POSTGRES_URL', 'the event store and the anchor store');
    store = await PostgresEventStore.open({ url, schema: esSchema });
    anchors = await openPostgresAnchorStore(url, anchorSchema);
    streams = [await appendStream(store, h1, 3), await appendStream(store, h1, 2), await appendStream(store, h2, 4)];
  });

  after(async () => {
    await store?.close();
    await anchors?.close();
    if (url)
      await sql(
        `DROP SCHEMA IF EXISTS ${quoteIdent(esSchema)} CASCADE; DROP SCHEMA IF EXISTS ${quoteIdent(anchorSchema)} CASCADE`,
      );
  });

  it('anchors every hospital’s heads once, signed; a second run with nothing new writes nothing', async () => {
    const first = await anchorHospitals({ eventStore: store, anchors, signer });
    const ours = first.filter((r) => r.hospitalId === h1 || r.hospitalId === h2);
    expect(ours.map((r) => [r.hospitalId, r.outcome, r.streams])).to.deep.equal([
      [h1, 'anchored', 2],
      [h2, 'anchored', 1],
    ]);
    const latest = (await anchors.latest(h1))!;
    expect(latest.checkpoint.heads).to.deep.equal(
      [streams[0]!, streams[1]!]
        .map((c) => ({ streamId: c[0]!.streamId, revision: c.length - 1, hash: c.at(-1)!.hash }))
        .sort((a, b) => (a.streamId < b.streamId ? -1 : 1)),
    );
    const before = (await anchors.all()).length;
    const again = await anchorHospitals({ eventStore: store, anchors, signer });
    expect(again.filter((r) => r.hospitalId === h1 || r.hospitalId === h2).map((r) => r.outcome)).to.deep.equal([
      'unchanged',
      'unchanged',
    ]);
    expect((await anchors.all()).length).to.equal(before);
    expect(await verifyAgainstAnchor(store, latest, signer.publicKey)).to.include({ status: 'ok', streams: 2 });
  });

  it('reports a stream whose last events were deleted, naming it and the missing revisions', async () => {
    const victim = streams[0]![0]!.streamId;
    await sql(`DELETE FROM ${quoteIdent(esSchema)}.events WHERE stream_id = $1 AND revision >= 1`, [victim]);
    const verdict = await verifyAgainstAnchor(store, await anchors.latest(h1), signer.publicKey);
    expect(verdict).to.deep.include({
      status: 'broken',
      truncated: [{ streamId: victim, anchoredRevision: 2, currentRevision: 0, missingRevisions: { from: 1, to: 2 } }],
      mismatched: [],
    });
    // The next run does not sign over the damage: h1 is refused, h2 is untouched.
    const results = await anchorHospitals({ eventStore: store, anchors, signer });
    expect(results.find((r) => r.hospitalId === h1)?.outcome).to.equal('refused');
    expect(results.find((r) => r.hospitalId === h2)?.outcome).to.equal('unchanged');
  });

  it('reports a stream deleted entirely, and a head rewritten with a recomputed hash', async () => {
    const gone = streams[1]![0]!.streamId;
    await sql(`DELETE FROM ${quoteIdent(esSchema)}.events WHERE stream_id = $1`, [gone]);
    const verdict = await verifyAgainstAnchor(store, await anchors.latest(h1), signer.publicKey);
    expect(verdict.status).to.equal('broken');
    expect(verdict.status === 'broken' && verdict.truncated.find((t) => t.streamId === gone)).to.deep.equal({
      streamId: gone,
      anchoredRevision: 1,
      currentRevision: -1,
      missingRevisions: { from: 0, to: 1 },
    });

    const rewritten = streams[2]!;
    const head = rewritten.at(-1)!;
    await sql(
      `UPDATE ${quoteIdent(esSchema)}.events SET metadata = replace(metadata, $2, $3) WHERE stream_id = $1 AND revision = $4`,
      [head.streamId, head.hash, 'f'.repeat(64), head.revision],
    );
    const h2Verdict = await verifyAgainstAnchor(store, await anchors.latest(h2), signer.publicKey);
    expect(h2Verdict).to.deep.include({
      status: 'broken',
      truncated: [],
      mismatched: [
        { streamId: head.streamId, revision: head.revision, anchoredHash: head.hash, storedHash: 'f'.repeat(64) },
      ],
    });
  });

  it('rejects a forged anchor: changed after signing, or signed by another key', async () => {
    const genuine = (await anchors.latest(h2))!;
    const edited: SignedAnchor = {
      ...genuine,
      checkpoint: { ...genuine.checkpoint, heads: genuine.checkpoint.heads.map((h) => ({ ...h, revision: 0 })) },
    };
    expect(await verifyAgainstAnchor(store, edited, signer.publicKey)).to.deep.equal({
      status: 'invalid-signature',
      keyId: genuine.keyId,
      position: genuine.checkpoint.position,
    });
    const forger = newSigner();
    const forged = forger.sign(genuine.checkpoint);
    expect((await verifyAgainstAnchor(store, forged, signer.publicKey)).status).to.equal('invalid-signature');
    expect((await verifyAgainstAnchor(store, { ...genuine, signature: 'AAAA' }, signer.publicKey)).status).to.equal(
      'invalid-signature',
    );
    // An anchoring run does not trust a forged latest anchor either.
    await anchors.append(forger.sign({ ...genuine.checkpoint, position: genuine.checkpoint.position + 1_000_000 }));
    const results = await anchorHospitals({ eventStore: store, anchors, signer });
    expect(results.find((r) => r.hospitalId === h2)?.previous.status).to.equal('invalid-signature');
  });

  it('keeps anchors append-only: UPDATE and DELETE are refused by the anchor store', async () => {
    const table = `${quoteIdent(anchorSchema)}.anchors`;
    const refused = async (text: string) =>
      (
        await sql(text).then(
          () => undefined,
          (e: Error) => e,
        )
      )?.message;
    expect(await refused(`UPDATE ${table} SET key_id = 'x'`)).to.match(/append-only/);
    expect(await refused(`DELETE FROM ${table}`)).to.match(/append-only/);
    expect(await refused(`TRUNCATE ${table}`)).to.match(/append-only/);
  });

  it('the embedded anchor file is append-only JSON lines, idempotent per hospital and position', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chartline-anchors-'));
    try {
      const file = join(dir, 'anchors.jsonl');
      const fileStore = fileAnchorStore(file);
      const results = await anchorHospitals({ eventStore: store, anchors: fileStore, signer });
      expect(results.filter((r) => r.outcome === 'anchored').length).to.be.greaterThan(0);
      const lines = readFileSync(file, 'utf8').trim().split('\n');
      await anchorHospitals({ eventStore: store, anchors: fileStore, signer });
      expect(readFileSync(file, 'utf8').trim().split('\n')).to.deep.equal(lines);
      expect((await fileStore.latest(h2))?.checkpoint.hospitalId).to.equal(h2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
