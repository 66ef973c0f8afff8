import { expect } from 'chai';
import { chargeDifferences, chargesByAccount } from './account-charges.js';

const charge = (accountId: string, chargeId: string, sourceId: string, totalAmount = 1_500) => ({
  type: 'billing.ChargeCaptured',
  data: {
    accountId,
    chargeId,
    source: 'lab_order',
    sourceId,
    serviceCode: 'lab:2345-7',
    quantity: 1,
    unitPrice: totalAmount,
    netAmount: totalAmount,
    taxAmount: 0,
    totalAmount,
    currency: 'EUR',
    serviceDate: '2026-12-01',
    capturedAt: new Date().toISOString(),
  },
});

/** The comparison the charge-capture fault test stands on: it must see a doubled, lost or altered charge. */
describe('charge comparison of the charge-capture fault test', () => {
  const clean = chargesByAccount([charge('a', 'c1', 'e1'), charge('a', 'c2', 'e2'), charge('b', 'c3', 'e3')]);

  it('finds nothing when every account holds the same charges, whenever they were captured', () => {
    const run = chargesByAccount([charge('b', 'c3', 'e3'), charge('a', 'c2', 'e2'), charge('a', 'c1', 'e1')]);
    expect(chargeDifferences(run, clean)).to.deep.equal([]);
  });

  it('finds a charge captured twice (the same charge id appended again)', () => {
    const run = chargesByAccount([
      charge('a', 'c1', 'e1'),
      charge('a', 'c1', 'e1'),
      charge('a', 'c2', 'e2'),
      charge('b', 'c3', 'e3'),
    ]);
    expect(chargeDifferences(run, clean))
      .to.have.length(1)
      .and.to.match(/account a: doubled or extra: chargeId=c1 /);
  });

  it('finds a clinical event charged twice under another charge id', () => {
    const run = chargesByAccount([
      charge('a', 'c1', 'e1'),
      charge('a', 'c9', 'e1'),
      charge('a', 'c2', 'e2'),
      charge('b', 'c3', 'e3'),
    ]);
    expect(chargeDifferences(run, clean)).to.deep.equal([
      `account a: doubled or extra: ${chargesByAccount([charge('a', 'c9', 'e1')]).get('a')![0]}`,
    ]);
  });

  it('finds a charge lost, and an account never charged', () => {
    const run = chargesByAccount([charge('a', 'c1', 'e1')]);
    const differences = chargeDifferences(run, clean);
    expect(differences).to.have.length(2);
    expect(differences[0]).to.match(/^account a: lost: chargeId=c2 /);
    expect(differences[1]).to.match(/^account b: lost: chargeId=c3 /);
  });

  it('finds a charge at another amount', () => {
    const run = chargesByAccount([charge('a', 'c1', 'e1', 1_600), charge('a', 'c2', 'e2'), charge('b', 'c3', 'e3')]);
    expect(chargeDifferences(run, clean)).to.have.length(2);
  });
});
