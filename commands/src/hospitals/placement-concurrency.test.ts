import { MemoryEventStore } from '@chartline/infra';
import { expect } from 'chai';
import { placementCommandDeps, registerTestHospital } from '../relay/testing/hospitals.js';

/** Registrations share one placement stream: at once, they race for it, and each loser chooses again. */
describe('hospitals placed while registered at the same time', () => {
  it('24 registrations at once on 12 partitions all succeed, two hospitals on each partition', async () => {
    const store = new MemoryEventStore();
    const deps = placementCommandDeps(store, 12);
    const ids = Array.from({ length: 24 }, (_, i) => `h-${String(i).padStart(2, '0')}`);
    const outcomes = await Promise.all(ids.map((id) => registerTestHospital(deps, id)));
    expect(outcomes.every((o) => o.created)).to.equal(true);
    const placed = await store.readStream('placement-platform.kafka');
    expect(placed).to.have.length(24);
    const partitions = placed.map((e) => (e.data as { partition: number }).partition);
    const counts = Array.from({ length: 12 }, (_, p) => partitions.filter((q) => q === p).length);
    expect(counts).to.deep.equal(Array(12).fill(2));
  });
});
