/**
 * Writes the console's API types and prints each path it changed, one per line. Run by
 * `npm run generate` in a child process after the registries are written: a module just added to
 * the manifest is in the command registry only once that file is re-read.
 */
import { writeConsoleApiTypes } from './api-types.js';

for (const path of await writeConsoleApiTypes()) process.stdout.write(`${path}\n`);
