/**
 * Writes every file derived from the module manifest and the event catalogue: the per-module
 * deploy files (infra/deploy, see docs/operations.md "Generated deploy files") and docs/events.md.
 * Deterministic; unit tests fail while a committed file differs from what this would write.
 *
 *   npm run generate            write what is stale, print what changed
 *   npm run generate -- --check change nothing; exit 1 naming the stale files
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { eventsMarkdown } from '@chartline/events';
import { deployDir, staleDeployFiles, writeDeployFiles } from '@chartline/infra/deploy/generate';

const { values } = parseArgs({ options: { check: { type: 'boolean', default: false } } });
const root = new URL('../', import.meta.url);
const eventsDoc = new URL('docs/events.md', root);
const shown = (path: string) => relative(root.pathname, path);

const eventsStale = readFileSync(eventsDoc, 'utf8') !== eventsMarkdown();
if (values.check) {
  const stale = [
    ...staleDeployFiles().map((p) => shown(`${deployDir}${p}`)),
    ...(eventsStale ? ['docs/events.md'] : []),
  ];
  if (stale.length > 0) {
    process.stderr.write(`stale generated files (run \`npm run generate\`):\n${stale.map((p) => `  ${p}\n`).join('')}`);
    process.exit(1);
  }
  process.stdout.write('generated files are up to date\n');
} else {
  const changed = writeDeployFiles().map((p) => shown(`${deployDir}${p}`));
  if (eventsStale) {
    writeFileSync(eventsDoc, eventsMarkdown());
    changed.push('docs/events.md');
  }
  process.stdout.write(changed.length > 0 ? changed.map((p) => `wrote ${p}\n`).join('') : 'nothing to change\n');
}
