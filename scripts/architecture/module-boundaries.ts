import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { moduleNames } from '@chartline/events';
import ts from 'typescript';

/**
 * Module boundaries: on every side a module is a folder, and code outside that folder may import
 * only the module's public entry (`<folder>/index.ts`). Deep imports couple a module to another's
 * internals, so renaming a file inside one breaks the other, and cycles between modules creep in.
 */

/** Where a module's folder sits on each side (relative to the repository root). */
export const MODULE_ROOTS = [
  'events/src/modules',
  'kernel/src',
  'commands/src',
  'projections/src',
  'read-api/src',
  'scripts/modules',
];

export interface DeepImport {
  readonly from: string;
  readonly specifier: string;
  /** The module folder reached into, e.g. `read-api/src/admissions`. */
  readonly into: string;
}

const SOURCE = /\.ts$/;

function* sourceFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (SOURCE.test(name) && !name.endsWith('.d.ts')) yield path;
  }
}

/** The module folder a file lies in, if any: `<root>/<module>`. */
export function moduleFolderOf(repoPath: string, modules: readonly string[] = moduleNames): string | undefined {
  for (const root of MODULE_ROOTS) {
    if (!repoPath.startsWith(`${root}/`)) continue;
    const module = repoPath.slice(root.length + 1).split('/')[0];
    if (module !== undefined && modules.includes(module) && repoPath !== `${root}/${module}`)
      return `${root}/${module}`;
  }
  return undefined;
}

/** Relative import specifiers of a TypeScript source (imports, re-exports, dynamic imports). */
export function importsOf(source: string): string[] {
  return ts
    .preProcessFile(source, true, true)
    .importedFiles.map((f) => f.fileName)
    .filter((s) => s.startsWith('.'));
}

/** Every import that reaches into another module's folder past its `index.ts`. */
export function deepImports(repoRoot: string, dirs: readonly string[], modules: readonly string[] = moduleNames) {
  const found: DeepImport[] = [];
  for (const dir of dirs) {
    if (!existsSync(join(repoRoot, dir))) continue;
    for (const file of sourceFiles(join(repoRoot, dir))) {
      const from = relative(repoRoot, file).split(sep).join('/');
      const own = moduleFolderOf(from, modules);
      for (const specifier of importsOf(readFileSync(file, 'utf8'))) {
        const target = relative(repoRoot, resolve(dirname(file), specifier))
          .split(sep)
          .join('/');
        const into = moduleFolderOf(target, modules);
        if (into === undefined || into === own) continue;
        const entry = `${into}/index`;
        if (target === entry || target === `${entry}.js` || target === `${entry}.ts`) continue;
        found.push({ from, specifier, into });
      }
    }
  }
  return found;
}
