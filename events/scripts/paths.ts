import { fileURLToPath } from 'node:url';

/** docs/events.md at the repository root, wherever the script is run from. */
export const EVENTS_DOC_PATH = fileURLToPath(new URL('../../docs/events.md', import.meta.url));
