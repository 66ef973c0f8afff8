import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { expect } from 'chai';
import { cpuMsByProcessNamed, cpuShares } from './processes.js';

describe('bench: CPU shares from /proc', () => {
  it("counts this process's CPU as the load generator's share of a core", () => {
    const shares = cpuShares([]);
    const start = process.cpuUsage();
    // Burn 200 ms of CPU (not of wall time: a loaded machine stretches the wall).
    while (process.cpuUsage(start).user < 200_000) Math.sqrt(Math.random());
    const out = shares();
    // A process may use more than one core (Node 24 compiles and collects garbage on other threads:
    // 1.92 in CI's Node 24 tier), never more than the machine has: a unit slip (µs for ms) would.
    expect(out['bench'])
      .to.be.a('number')
      .above(0)
      .and.at.most(cpus().length * 1.05);
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
    // Whatever the kernel calls this process (`node`; the npm registry's Node 24 binary has another name).
    const name = readFileSync('/proc/self/comm', 'utf8').trim();
    expect(cpuMsByProcessNamed(name).get(process.pid), `this process, named ${name}`).to.be.a('number');
    expect(cpuMsByProcessNamed(name.slice(0, 3)).get(process.pid), 'found by the start of its name').to.be.a('number');
    expect(cpuMsByProcessNamed('no-such-process-name').size).to.equal(0);
  });
});
