import { createHash } from 'node:crypto';
import { expect } from 'chai';
import type { EventEnvelope } from '../envelope.js';
import { GENESIS_HASH } from '../envelope.js';
import { testChain, testEnvelope } from '../testing/envelope-factory.js';
import { SampleAnalysed } from '../testing/fixture-events.js';
import { canonicalJson } from './canonical-json.js';
import { hashEvent, verifyChain } from './hash-chain.js';

/** Recomputes the hash of an edited event, as a careless (or malicious) writer would. */
function rehash(event: EventEnvelope): EventEnvelope {
  return { ...event, hash: hashEvent(event) };
}

describe('hash chain', () => {
  const chain = testChain(SampleAnalysed, 5);

  it('hashes sha256(prevHash ‖ canonical JSON of the writer-known fields)', () => {
    const [first] = chain;
    const { position: _p, recordedAt: _r, hash: _h, ...fields } = first!;
    const expected = createHash('sha256')
      .update(GENESIS_HASH + canonicalJson(fields))
      .digest('hex');
    expect(first!.hash).to.equal(expected);
  });

  it('ignores what the store assigns and stray properties, but not any hashed field', () => {
    const [first] = chain;
    expect(hashEvent({ ...first!, position: 999, recordedAt: 'later', extra: 1 } as EventEnvelope)).to.equal(
      first!.hash,
    );
    expect(hashEvent({ ...first!, traceparent: undefined } as unknown as EventEnvelope)).to.equal(
      hashEvent({ ...first!, traceparent: null }),
    );
    for (const change of [
      { hospitalId: 'h2' },
      { actor: { id: 'x', role: 'nurse' } },
      { schemaVersion: 2 },
      { occurredAt: '2025-03-01T08:30:00.124Z' },
      { traceparent: null },
    ]) {
      expect(hashEvent({ ...first!, ...change }), JSON.stringify(change)).to.not.equal(first!.hash);
    }
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
