import { expect } from 'chai';
import { ref } from './hospital-world.js';
import { resolveBody, UnresolvedRef } from './send-step.js';

describe('workload steps: references resolved to the ids earlier steps answered', () => {
  const ids = new Map([
    ['h/charge-1', 'c-1'],
    ['h/item-1', 'i-1'],
  ]);

  it('resolves refs at any depth, and a prefixed ref into a value that embeds the id', () => {
    expect(
      resolveBody(
        {
          serviceCode: ref('h/item-1', 'stock:'),
          chargeIds: [ref('h/charge-1')],
          lines: [{ chargeId: ref('h/charge-1'), approvedAmount: 0, reason: 'x' }],
          n: 3,
        },
        ids,
      ),
    ).to.deep.equal({
      serviceCode: 'stock:i-1',
      chargeIds: ['c-1'],
      lines: [{ chargeId: 'c-1', approvedAmount: 0, reason: 'x' }],
      n: 3,
    });
  });

  it('refuses to send a step whose nested ref no earlier step answered', () => {
    expect(() => resolveBody({ lines: [{ chargeId: ref('h/charge-9') }] }, ids)).to.throw(UnresolvedRef, 'h/charge-9');
  });
});
