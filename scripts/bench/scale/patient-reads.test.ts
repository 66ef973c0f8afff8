import { expect } from 'chai';
import { readPath } from './patient-reads.js';
import { heapUsedMb } from './soak.js';

const filled = {
  hospitalId: 'h1',
  patientIds: ['p1', 'p2', 'p3', 'p4'],
  names: [
    ['Ada', 'Costa'],
    ['Ben', 'Adler'],
  ] as const,
};

describe('bench: scale reads and soak samples', () => {
  it('an uncached kind never repeats a path, and says when it has run out', () => {
    for (const kind of ['summary', 'name_search', 'list_page'] as const) {
      const paths: string[] = [];
      for (let n = 0; ; n++) {
        const path = readPath(kind, filled, n, false);
        if (path === null) break;
        paths.push(path);
      }
      expect(new Set(paths).size, kind).to.equal(paths.length);
      expect(paths.length, kind).to.be.greaterThan(2);
    }
    expect(readPath('summary', filled, 3, false)).to.equal(null);
    expect(readPath('name_search', filled, 0, false)).to.equal(
      '/hospitals/h1/patients/search?name=Ben%20Adler&limit=1',
    );
  });

  it('no uncached path is the cached one (which the cached reads warm first)', () => {
    for (const kind of ['summary', 'name_search', 'list_page'] as const)
      for (let n = 0; n < 50; n++)
        expect(readPath(kind, filled, n, false), kind).not.to.equal(readPath(kind, filled, 0, true));
  });

  it('a cached kind repeats one path', () => {
    expect(readPath('list_page', filled, 5, true)).to.equal(readPath('list_page', filled, 0, true));
    expect(readPath('summary', filled, 99, true)).to.equal('/hospitals/h1/patients/p1');
  });

  it('reads the V8 heap used from a Prometheus exposition, null when absent', () => {
    const metrics =
      '# HELP nodejs_heap_size_used_bytes x\nnodejs_heap_size_total_bytes 9e7\nnodejs_heap_size_used_bytes 52428800\n';
    expect(heapUsedMb(metrics)).to.equal(52.4);
    expect(heapUsedMb('process_resident_memory_bytes 1\n')).to.equal(null);
  });
});
