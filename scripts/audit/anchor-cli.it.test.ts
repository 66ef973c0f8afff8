import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { type EventEnvelope, GENESIS_HASH, toEventToAppend } from '@chartline/events';
import { fixtureCatalogue, SampleAnalysed, testEnvelope } from '@chartline/events/testing';
import { SqliteEventStore } from '@chartline/infra';
import Database from 'better-sqlite3';
import { expect } from 'chai';
import { v7 as uuidv7 } from 'uuid';

const exec = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');

/** `npm run anchor` and `npm run verify-anchors` as an operator runs them, on the embedded store. */
describe('anchor and verify-anchors command lines (embedded: SQLite + anchor file)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chartline-anchor-cli-'));
  const env = {
    ...process.env,
    EVENT_STORE_URL: `sqlite:${join(dir, 'events.db')}`,
    ANCHOR_STORE_URL: join(dir, 'anchors.jsonl'),
  };
  const run = (script: string, args: string[] = []) =>
    exec(TSX, [join(ROOT, script), ...args], { env, cwd: ROOT }).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (error: { code: number; stdout: string; stderr: string }) => ({
        code: error.code,
        stdout: error.stdout + error.stderr,
      }),
    );
  let chain: EventEnvelope[];

  before(async () => {
    const store = new SqliteEventStore({ path: join(dir, 'events.db') });
    const aggregateId = uuidv7();
    chain = [];
    for (let revision = 0; revision < 4; revision++) {
      chain.push(
        testEnvelope(SampleAnalysed, {
          hospitalId: 'h1',
          aggregateId,
          revision,
          prevHash: chain.at(-1)?.hash ?? GENESIS_HASH,
        }),
      );
    }
    await store.append(
      chain[0]!.streamId,
      chain.map((e) => toEventToAppend(e, fixtureCatalogue)),
      'no_stream',
    );
    await store.close();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('anchors (creating the embedded key pair, 0600), then is idempotent, and exports for WORM storage', async () => {
    const first = await run('scripts/anchor.ts');
    expect(first.code, first.stdout).to.equal(0);
    expect(JSON.parse(first.stdout.trim())).to.deep.include({ hospitalId: 'h1', outcome: 'anchored', streams: 1 });
    expect(statSync(join(dir, 'anchor-signing-key.pem')).mode & 0o777).to.equal(0o600);
    expect(existsSync(join(dir, 'anchor-public-key.pem'))).to.equal(true);
    const second = await run('scripts/anchor.ts', ['--export', join(dir, 'export.jsonl')]);
    expect(JSON.parse(second.stdout.trim().split('\n')[0]!)).to.deep.include({ outcome: 'unchanged' });
    expect(readFileSync(join(dir, 'export.jsonl'), 'utf8').trim().split('\n')).to.have.length(1);
    const ok = await run('scripts/audit/verify-anchors.ts');
    expect(ok.code, ok.stdout).to.equal(0);
    expect(JSON.parse(ok.stdout.trim())).to.deep.include({ hospitalId: 'h1', status: 'ok' });
  });

  it('reports the last events deleted from events.db, naming the stream and revisions; exit 1', async () => {
    const db = new Database(join(dir, 'events.db'));
    db.prepare('DELETE FROM es_events WHERE stream_id = ? AND revision >= 2').run(chain[0]!.streamId);
    db.close();
    const verdict = await run('scripts/audit/verify-anchors.ts', ['h1']);
    expect(verdict.code).to.equal(1);
    const line = JSON.parse(verdict.stdout.trim().split('\n')[0]!);
    expect(line).to.deep.include({
      hospitalId: 'h1',
      status: 'broken',
      truncated: [
        { streamId: chain[0]!.streamId, anchoredRevision: 3, currentRevision: 1, missingRevisions: { from: 2, to: 3 } },
      ],
    });
    const anchoring = await run('scripts/anchor.ts');
    expect(anchoring.code).to.equal(1);
    expect(anchoring.stdout).to.match(/"outcome":"refused"/);
  });

  it('refuses a forged anchor (verified with the public key, not trusted for being in the file)', async () => {
    const file = join(dir, 'anchors.jsonl');
    const [line] = readFileSync(file, 'utf8').trim().split('\n');
    const forged = JSON.parse(line!);
    forged.checkpoint.position += 1000;
    forged.checkpoint.heads = forged.checkpoint.heads.map((h: { revision: number }) => ({ ...h, revision: 1 }));
    const { appendFileSync } = await import('node:fs');
    appendFileSync(file, `${JSON.stringify(forged)}\n`);
    const verdict = await run('scripts/audit/verify-anchors.ts', ['h1']);
    expect(verdict.code).to.equal(1);
    expect(JSON.parse(verdict.stdout.trim().split('\n')[0]!)).to.deep.include({ status: 'invalid-signature' });
  });
});
