import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { eventsMarkdown } from '../src/docs/events-markdown.js';
import { EVENTS_DOC_PATH } from './paths.js';

describe('docs/events.md', () => {
  it('is up to date with the catalogue (else run `npm run docs:events -w @chartline/events`)', () => {
    expect(readFileSync(EVENTS_DOC_PATH, 'utf8') === eventsMarkdown(), 'docs/events.md is stale').to.equal(true);
  });
});
