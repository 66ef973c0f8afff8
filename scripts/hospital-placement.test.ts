import { expect } from 'chai';
import { assignPartitions, demoHospitalIds, formatPlacement, placeHospitals } from './hospital-placement.js';
import { partitionForKey } from './kafka-partition.js';

describe('hospital placement (hospitals → partitions → projector pods)', () => {
  it('names demo hospitals hospital-01 … hospital-NN', () => {
    expect(demoHospitalIds(3)).to.deep.equal(['hospital-01', 'hospital-02', 'hospital-03']);
    expect(demoHospitalIds(100)[99]).to.equal('hospital-100');
  });

  it('deals partitions round-robin (kafkajs) or in contiguous ranges (Java client)', () => {
    expect(assignPartitions(12, 5, 'roundrobin')).to.deep.equal([
      [0, 5, 10],
      [1, 6, 11],
      [2, 7],
      [3, 8],
      [4, 9],
    ]);
    expect(assignPartitions(12, 5, 'range')).to.deep.equal([
      [0, 1, 2],
      [3, 4, 5],
      [6, 7],
      [8, 9],
      [10, 11],
    ]);
    expect(assignPartitions(3, 5, 'range').map((p) => p.length)).to.deep.equal([1, 1, 1, 0, 0]);
    expect(() => assignPartitions(12, 0, 'range')).to.throw(RangeError);
  });

  it('puts each hospital on its key partition, on exactly one pod', () => {
    const ids = demoHospitalIds(24);
    const placement = placeHospitals(ids, 12, 12, 'roundrobin');
    for (const id of ids) {
      expect(placement.partitionOf.get(id)).to.equal(partitionForKey(id, 12));
      const owners = placement.pods.filter((pod) => pod.hospitals.includes(id));
      expect(owners, id).to.have.length(1);
      expect(owners[0]!.partitions).to.include(partitionForKey(id, 12));
    }
    expect(placement.pods.flatMap((pod) => pod.hospitals)).to.have.members(ids);
  });

  it('prints the per-pod counts an operator reads', () => {
    const text = formatPlacement(placeHospitals(['hospital-a', 'hospital-b'], 2, 1, 'range'), 2);
    expect(text).to.include('hospitals per pod: min 2, max 2');
  });
});
