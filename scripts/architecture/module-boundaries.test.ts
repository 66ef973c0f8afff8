import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { deepImports, importsOf, moduleFolderOf } from './module-boundaries.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const SIDES = ['events', 'kernel', 'commands', 'projections', 'read-api', 'scripts'];

describe('module boundaries', () => {
  it('no source file imports another module past its public entry (index.ts), on any side', () => {
    const found = deepImports(repoRoot, SIDES);
    expect(found.map((d) => `${d.from} → ${d.specifier}`)).to.deep.equal([]);
  });

  it('catches a deep import, and lets the public entry and the module’s own files through', () => {
    const root = mkdtempSync(join(tmpdir(), 'boundaries-'));
    try {
      const write = (path: string, text: string) => {
        mkdirSync(dirname(join(root, path)), { recursive: true });
        writeFileSync(join(root, path), text);
      };
      write('read-api/src/patients/routes.ts', "import { STAYS } from '../admissions/queries.js';\n");
      write(
        'read-api/src/patients/queries.ts',
        "import { x } from './routes.js';\nexport { y } from '../admissions/index.js';\n",
      );
      write('read-api/src/server/routes.ts', "const m = await import('../patients/routes.js');\n");
      write('read-api/src/admissions/index.ts', 'export const y = 1;\n');
      const found = deepImports(root, ['read-api'], ['patients', 'admissions']);
      expect(found).to.deep.equal([
        {
          from: 'read-api/src/patients/routes.ts',
          specifier: '../admissions/queries.js',
          into: 'read-api/src/admissions',
        },
        { from: 'read-api/src/server/routes.ts', specifier: '../patients/routes.js', into: 'read-api/src/patients' },
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('reads imports, re-exports and dynamic imports, and knows module folders on every side', () => {
    expect(
      importsOf("import a from './a.js';\nexport * from '../b.js';\nawait import('./c.js');\nimport 'zod';"),
    ).to.deep.equal(['./a.js', '../b.js', './c.js']);
    expect(moduleFolderOf('events/src/modules/patients/index.ts')).to.equal('events/src/modules/patients');
    expect(moduleFolderOf('commands/src/admissions/specs.ts')).to.equal('commands/src/admissions');
    expect(moduleFolderOf('projections/src/runtime/guard.ts')).to.equal(undefined);
  });
});
