import { expect } from 'chai';
import { cpuMsByProcessNamed, cpuShares } from './processes.js';

describe('bench: CPU shares from /proc', () => {
  it("counts this process's CPU as the load generator's share of a core", () => {
    const shares = cpuShares([]);
    const start = process.cpuUsage();
    // Burn 200 ms of CPU (not of wall time: a loaded machine stretches the wall).
    while (process.cpuUsage(start).user < 200_000) Math.sqrt(Math.random());
    const out = shares();
    expect(out['bench']).to.be.a('number').above(0).and.at.most(1.05);
    expect(out).to.have.all.keys('bench', 'postgres', 'mongodb_wire', 'kafka', 'redis');
  });

  it("reports a child's share from its own counter, and null when it has none", () => {
    let ms = 0;
    const shares = cpuShares([
      { name: 'relay', cpuMs: () => (ms += 50) },
      { name: 'gone', cpuMs: () => null },
    ]);
    const out = shares();
    expect(out['relay']).to.be.a('number').above(0);
    expect(out['gone']).to.equal(null);
  });

  it('finds processes by the start of their command name', () => {
    const node = cpuMsByProcessNamed('node');
    expect(node.get(process.pid), 'this test runs in node').to.be.a('number');
    expect(cpuMsByProcessNamed('no-such-process-name').size).to.equal(0);
  });
});
