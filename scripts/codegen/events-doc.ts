/** `check` prints stale|fresh; `write` rewrites docs/events.md when stale and prints wrote|fresh. */
import { readFileSync, writeFileSync } from 'node:fs';
import { eventsMarkdown } from '@chartline/events';
import { repoRoot } from './write.js';

const path = `${repoRoot}docs/events.md`;
const fresh = readFileSync(path, 'utf8') === eventsMarkdown();
if (!fresh && process.argv[2] === 'write') writeFileSync(path, eventsMarkdown());
process.stdout.write(fresh ? 'fresh\n' : process.argv[2] === 'write' ? 'wrote\n' : 'stale\n');
