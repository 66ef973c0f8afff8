/**
 * Writes every file derived from the module manifest and the event catalogue: the module registries
 * (`*.generated.ts`, see docs/architecture.md "Adding a module"), the per-module deploy files
 * (infra/deploy, see docs/operations.md "Generated deploy files"), the console's API types
 * (console/src/api/*.generated.ts, from both APIs' OpenAPI documents) and docs/events.md.
 * Deterministic; unit tests fail while a committed file differs from what this would write.
 *
 *   npm run generate            write what is stale, print what changed
 *   npm run generate -- --check change nothing; exit 1 naming the stale files
 *
 * docs/events.md and the console's API types are rendered in child processes: the registries just written change the catalogue
 * it documents, and this process has already loaded the old one.
 */
import { execFileSync } from 'node:child_process';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { deployDir, staleDeployFiles, writeDeployFiles } from '@chartline/infra/deploy/generate';
import { repoRoot, staleRegistries, writeRegistries } from './codegen/write.js';
import { staleConsoleApiTypes } from './console/api-types.js';

const { values } = parseArgs({ options: { check: { type: 'boolean', default: false } } });
const deployPath = (p: string) => relative(repoRoot, `${deployDir}${p}`);
const eventsDoc = (mode: 'check' | 'write') =>
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/codegen/events-doc.ts', mode], {
    cwd: repoRoot,
    encoding: 'utf8',
  }).trim();

if (values.check) {
  const stale = [...staleRegistries(), ...staleDeployFiles().map(deployPath), ...(await staleConsoleApiTypes())];
  if (eventsDoc('check') === 'stale') stale.push('docs/events.md');
  if (stale.length > 0) {
    process.stderr.write(`stale generated files (run \`npm run generate\`):\n${stale.map((p) => `  ${p}\n`).join('')}`);
    process.exit(1);
  }
  process.stdout.write('generated files are up to date\n');
} else {
  const changed = [...writeRegistries(), ...writeDeployFiles().map(deployPath)];
  // In a child process, as docs/events.md: this process loaded the registries before they were written.
  changed.push(
    ...execFileSync(process.execPath, ['--import', 'tsx', 'scripts/console/write-api-types.ts'], {
      cwd: repoRoot,
      encoding: 'utf8',
    })
      .split('\n')
      .filter((l) => l !== ''),
  );
  if (eventsDoc('write') === 'wrote') changed.push('docs/events.md');
  process.stdout.write(changed.length > 0 ? changed.map((p) => `wrote ${p}\n`).join('') : 'nothing to change\n');
}
