import { createHash } from 'node:crypto';
import { expect } from 'chai';
import type { EventEnvelope } from '../envelope.js';
import { GENESIS_HASH } from '../envelope.js';
import { testChain, testEnvelope } from '../testing/envelope-factory.js';
import { SampleAnalysed } from '../testing/fixture-events.js';
import { canonicalJson } from './canonical-json.js';
import { CHAIN_VERSION, hashEvent, UnknownChainVersion, verifyChain } from './hash-chain.js';

/** Recomputes the hash of an edited event, as a careless (or malicious) writer would. */
function rehash(event: EventEnvelope): EventEnvelope {
  return { ...event, hash: hashEvent(event) };
}

describe('hash chain', () => {
  const chain = testChain(SampleAnalysed, 5);

  it('hashes sha256(prevHash ‖ canonical JSON of the writer-known fields), recordedAt and chainVersion included (v2)', () => {
    const [first] = chain;
    expect(first!.chainVersion).to.equal(CHAIN_VERSION).and.to.equal(2);
    const { position: _p, hash: _h, ...fields } = first!;
    const expected = createHash('sha256')
      .update(GENESIS_HASH + canonicalJson(fields))
      .digest('hex');
    expect(first!.hash).to.equal(expected);
  });

  it('hashes chain version 1 without recordedAt and chainVersion (histories written before v2)', () => {
    const [old] = testChain(SampleAnalysed, 1, { chainVersion: 1 });
    const { position: _p, recordedAt: _r, chainVersion: _v, hash: _h, ...fields } = old!;
    expect(old!.hash).to.equal(
      createHash('sha256')
        .update(GENESIS_HASH + canonicalJson(fields))
        .digest('hex'),
    );
    // Under v1 the store's clock was not covered: changing it changes nothing (the hole v2 closes).
    expect(hashEvent({ ...old!, recordedAt: '2030-01-01T00:00:00.000Z' })).to.equal(old!.hash);
  });

  it('ignores what the store assigns and stray properties, but not any hashed field', () => {
    const [first] = chain;
    expect(hashEvent({ ...first!, position: 999, extra: 1 } as EventEnvelope)).to.equal(first!.hash);
    expect(hashEvent({ ...first!, traceparent: undefined } as unknown as EventEnvelope)).to.equal(
      hashEvent({ ...first!, traceparent: null }),
    );
    for (const change of [
      { hospitalId: 'h2' },
      { actor: { id: 'x', role: 'nurse' } },
      { schemaVersion: 2 },
      { occurredAt: '2025-03-01T08:30:00.124Z' },
      { recordedAt: '2025-03-01T08:30:00.457Z' },
      { traceparent: null },
    ]) {
      expect(hashEvent({ ...first!, ...change }), JSON.stringify(change)).to.not.equal(first!.hash);
    }
  });

  it('catches a changed recordedAt (v2), and a v2 event passed off as v1', () => {
    const later = chain.map((e, i) => (i === 3 ? { ...e, recordedAt: '2031-01-01T00:00:00.000Z' } : e));
    expect(verifyChain(later)).to.deep.equal({ ok: false, firstBadRevision: 3, reason: 'altered' });
    const downgraded = chain.map((e, i) => (i === 3 ? { ...e, chainVersion: 1 } : e));
    expect(verifyChain(downgraded)).to.deep.equal({
      ok: false,
      firstBadRevision: 3,
      reason: 'chain-version-downgraded',
    });
    // Even at the head, rehashed under v1 (which would hide a changed recordedAt), it is caught.
    const head = rehash({ ...chain[4]!, chainVersion: 1, recordedAt: '2031-01-01T00:00:00.000Z' });
    expect(verifyChain([...chain.slice(0, 4), head])).to.deep.equal({
      ok: false,
      firstBadRevision: 4,
      reason: 'chain-version-downgraded',
    });
  });

  it('verifies a history begun under v1 and continued under v2, and refuses an unknown version', () => {
    const old = testChain(SampleAnalysed, 2, { chainVersion: 1 });
    const next = testEnvelope(SampleAnalysed, {
      aggregateId: old[0]!.streamId.split('.')[1],
      revision: 2,
      prevHash: old[1]!.hash,
    });
    expect(verifyChain([...old, next])).to.deep.equal({ ok: true, events: 3, headHash: next.hash });
    expect(verifyChain([{ ...old[0]!, chainVersion: 3 }])).to.deep.equal({
      ok: false,
      firstBadRevision: 0,
      reason: 'altered',
    });
    expect(() => hashEvent({ ...old[0]!, chainVersion: 3 })).to.throw(UnknownChainVersion);
  });

  it('verifies a valid chain and reports its head', () => {
    expect(verifyChain(chain)).to.deep.equal({ ok: true, events: 5, headHash: chain[4]!.hash });
    expect(verifyChain([])).to.deep.equal({ ok: true, events: 0, headHash: GENESIS_HASH });
  });

  it('names the altered revision', () => {
    const altered = chain.map((e, i) => (i === 2 ? { ...e, data: { ...e.data, priceMinor: 1 } } : e));
    expect(verifyChain(altered)).to.deep.equal({ ok: false, firstBadRevision: 2, reason: 'altered' });
    const actor = chain.map((e, i) => (i === 0 ? { ...e, actor: { ...e.actor, role: 'admin' } } : e));
    expect(verifyChain(actor)).to.deep.equal({ ok: false, firstBadRevision: 0, reason: 'altered' });
  });

  it('names the revision after an altered event whose hash was recomputed', () => {
    const forged = chain.map((e, i) => (i === 1 ? rehash({ ...e, data: { ...e.data, priceMinor: 1 } }) : e));
    expect(verifyChain(forged)).to.deep.equal({ ok: false, firstBadRevision: 2, reason: 'removed-or-reordered' });
  });

  it('names the revision of a removed event', () => {
    expect(verifyChain([...chain.slice(0, 3), ...chain.slice(4)])).to.deep.equal({
      ok: false,
      firstBadRevision: 3,
      reason: 'removed-or-reordered',
    });
    expect(verifyChain(chain.slice(1))).to.deep.equal({
      ok: false,
      firstBadRevision: 0,
      reason: 'removed-or-reordered',
    });
  });

  it('names the first of two reordered events', () => {
    const swapped = [chain[0]!, chain[2]!, chain[1]!, chain[3]!, chain[4]!];
    expect(verifyChain(swapped)).to.deep.equal({ ok: false, firstBadRevision: 1, reason: 'removed-or-reordered' });
  });

  it('catches a renumbered chain after a removal (revisions rewritten, hashes not)', () => {
    const renumbered = [chain[0]!, { ...chain[2]!, revision: 1 }, { ...chain[3]!, revision: 2 }];
    expect(verifyChain(renumbered)).to.deep.equal({ ok: false, firstBadRevision: 1, reason: 'removed-or-reordered' });
  });

  it('names an event of another stream', () => {
    const other = testEnvelope(SampleAnalysed, { revision: 2, prevHash: chain[1]!.hash });
    expect(verifyChain([chain[0]!, chain[1]!, other])).to.deep.equal({
      ok: false,
      firstBadRevision: 2,
      reason: 'wrong-stream',
    });
  });
});
