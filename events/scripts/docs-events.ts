/** Regenerates docs/events.md from the event catalogue: npm run docs:events -w @chartline/events */
import { writeFileSync } from 'node:fs';
import { eventsMarkdown } from '../src/docs/events-markdown.js';
import { EVENTS_DOC_PATH } from './paths.js';

writeFileSync(EVENTS_DOC_PATH, eventsMarkdown());
process.stdout.write(`wrote ${EVENTS_DOC_PATH}\n`);
