/**
 * Writes one standalone `.avsc` per event version into the directory given:
 *   npm run export-schemas -w @chartline/events -- <outdir>
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { exportedSchemas } from '../src/schema/export.js';

const [dir] = process.argv.slice(2);
if (!dir) {
  process.stderr.write('usage: npm run export-schemas -w @chartline/events -- <outdir>\n');
  process.exit(2);
}
// npm runs workspace scripts in the workspace folder; INIT_CWD is where the user typed the command.
const outDir = resolve(process.env['INIT_CWD'] ?? process.cwd(), dir);
mkdirSync(outDir, { recursive: true });
const schemas = exportedSchemas();
for (const { fileName, contents } of schemas) writeFileSync(join(outDir, fileName), contents);
process.stdout.write(`wrote ${schemas.length} schemas to ${outDir}\n`);
