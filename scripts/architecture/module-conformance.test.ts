import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type ModuleDeclaration, moduleManifest } from '@chartline/events';
import { expect } from 'chai';

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The standard files of a module on each side it declares in the manifest (DESIGN.md: "a module is
 * a folder with the same shape everywhere"), as `npm run new-module` writes them. `index.ts` is the
 * public entry the generated registries read; queries.ts holds the queries of a module's read models
 * (a module that reads without read models of its own, like audit, has none).
 */
function standardFiles(module: string, d: ModuleDeclaration): string[] {
  const files = [`events/src/modules/${module}/index.ts`, `scripts/modules/${module}/index.ts`];
  if (d.commands) {
    const dir = `commands/src/${module}`;
    files.push(...['commands.ts', 'decider.ts', 'routes.ts', 'decider.test.ts', 'index.ts'].map((f) => `${dir}/${f}`));
  }
  for (const pm of d.processManagers) {
    files.push(`commands/src/${module}/process-managers/${pm.name}.ts`);
    files.push(`commands/src/${module}/process-managers/${pm.name}.test.ts`);
  }
  if (d.projection) {
    const dir = `projections/src/${module}`;
    files.push(...['views.ts', 'projection.ts', 'projection.test.ts', 'index.ts'].map((f) => `${dir}/${f}`));
    files.push(`kernel/src/${module}/index.ts`);
  }
  if (d.reads) {
    const dir = `read-api/src/${module}`;
    files.push(...['routes.ts', 'routes.test.ts', 'index.ts'].map((f) => `${dir}/${f}`));
    if (d.projection) files.push(`${dir}/queries.ts`);
  }
  return files;
}

/** Folders a module must not have: a side it does not declare would be served by nobody. */
function undeclaredFolders(module: string, d: ModuleDeclaration): string[] {
  return [
    ...(d.commands ? [] : [`commands/src/${module}`]),
    ...(d.projection ? [] : [`projections/src/${module}`, `kernel/src/${module}`]),
    ...(d.reads ? [] : [`read-api/src/${module}`]),
  ];
}

describe('module conformance: every manifest module has the standard files on each side it declares', () => {
  for (const [module, declaration] of Object.entries(moduleManifest) as [string, ModuleDeclaration][]) {
    it(`${module}`, () => {
      const missing = standardFiles(module, declaration).filter((f) => !existsSync(`${root}${f}`));
      expect(missing, `${module} lacks standard files (npm run new-module writes them)`).to.deep.equal([]);
      const stray = undeclaredFolders(module, declaration).filter((f) => existsSync(`${root}${f}`));
      expect(stray, `${module} has folders for sides its manifest entry does not declare`).to.deep.equal([]);
    });
  }

  it('asks for each side’s files only when the module declares that side', () => {
    const bare: ModuleDeclaration = {
      commands: false,
      projection: false,
      reads: true,
      processManagers: [],
      aggregates: [],
    };
    expect(standardFiles('x', bare)).to.deep.equal([
      'events/src/modules/x/index.ts',
      'scripts/modules/x/index.ts',
      'read-api/src/x/routes.ts',
      'read-api/src/x/routes.test.ts',
      'read-api/src/x/index.ts',
    ]);
    const full = { ...bare, commands: true, projection: true, processManagers: [{ name: 'p', consumes: [] }] };
    expect(standardFiles('x', full)).to.include.members([
      'commands/src/x/decider.test.ts',
      'commands/src/x/process-managers/p.test.ts',
      'projections/src/x/projection.test.ts',
      'kernel/src/x/index.ts',
      'read-api/src/x/queries.ts',
    ]);
    expect(undeclaredFolders('x', bare)).to.deep.equal(['commands/src/x', 'projections/src/x', 'kernel/src/x']);
  });

  it('finds a missing file (the check reads the tree, so it can fail)', () => {
    const ghost: ModuleDeclaration = {
      commands: true,
      projection: false,
      reads: false,
      processManagers: [],
      aggregates: [],
    };
    expect(standardFiles('nosuchmodule', ghost).filter((f) => !existsSync(`${root}${f}`))).to.have.length(7);
  });
});
