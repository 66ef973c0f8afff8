/**
 * Scaffolds a module on every side: `npm run new-module <name>`.
 *
 * Adds the module's entry to the manifest, writes its standard files (events, kernel read-model
 * contract, commands, projection, read routes, script plug-ins; scripts/new-module/templates.ts),
 * then runs `npm run generate`, which lists it in every registry and the deploy files and adds its
 * event to docs/events.md. Nothing else is edited. A bad name exits 2 with the reason, changing nothing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { manifestEntry, moduleFiles, namesOf } from './new-module/templates.js';
import { problemWithName } from './new-module/validate.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const manifestPath = join(root, 'events/src/modules/manifest.ts');
const MANIFEST_END = '} as const satisfies Readonly<Record<string, ModuleDeclaration>>;';

function fail(message: string, code = 2): never {
  process.stderr.write(`new-module: ${message}\n`);
  process.exit(code);
}

const args = process.argv.slice(2);
if (args.length > 1) fail(`one name only, got ${args.length}: npm run new-module <name>`);
const name = args[0];

const manifest = readFileSync(manifestPath, 'utf8');
const start = manifest.indexOf('export const moduleManifest = {');
const end = manifest.indexOf(MANIFEST_END);
if (start < 0 || end < start) fail(`cannot find the moduleManifest object in ${manifestPath}`, 1);
const modules = [...manifest.slice(start, end).matchAll(/^ {2}([a-z][a-z0-9]*): \{$/gm)].map((m) => m[1]!);

const names = name ? namesOf(name) : undefined;
const files = names ? moduleFiles(names) : new Map<string, string>();
const folders = [...new Set([...files.keys()].map((p) => dirname(p)))];
const takenFolders = folders.filter((f) => existsSync(join(root, f)));
const problem = problemWithName(name, { modules, takenFolders });
if (problem || !names) fail(problem ?? 'no name');

writeFileSync(manifestPath, `${manifest.slice(0, end)}${manifestEntry(names)}\n${manifest.slice(end)}`);
for (const [path, content] of files) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
}
process.stdout.write(`added ${names.m} to events/src/modules/manifest.ts\n`);
for (const path of files.keys()) process.stdout.write(`wrote ${path}\n`);

// A fresh process: this one has not loaded the grown manifest.
const run = (command: string, commandArgs: string[]) => {
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) fail(`${command} ${commandArgs.join(' ')} failed (exit ${result.status})`, 1);
};
run(process.execPath, ['--import', 'tsx', 'scripts/generate-files.ts']);
// Formatted as the linter wants, so `npm run lint` passes on what was written.
const biome = join(root, 'node_modules/.bin/biome');
if (existsSync(biome)) run(biome, ['check', '--write', ...folders]);

process.stdout.write(
  [
    '',
    `Module ${names.m} is on every side, with one example event (${names.M}RecordOpened), command`,
    '(open-record), projection and read route, each tested. Next: npm run typecheck && npm run test:unit,',
    'then replace the example with the module’s own events, rules and read models',
    '(docs/architecture.md, "Adding a module").',
    '',
  ].join('\n'),
);
