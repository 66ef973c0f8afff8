import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The console workspace and where `npm run build` puts its assets (beside the bundled processes). */
export const consoleRoot = fileURLToPath(new URL('../', import.meta.url));
export const defaultAssetsDir = fileURLToPath(new URL('../../dist/console/', import.meta.url));

/**
 * The embedded start serves built assets (the same files production serves), building them once
 * if they are missing — a first `npm start` takes ~10 s more, later ones none. Vite is imported
 * only then, so a start with assets present loads no build tool.
 */
export async function ensureConsoleBuilt(
  assetsDir: string = defaultAssetsDir,
  say: (line: string) => void = () => {},
): Promise<'present' | 'built'> {
  if (existsSync(join(assetsDir, 'index.html'))) return 'present';
  say(`  building the console into ${assetsDir} (first start; \`npm run build\` does it ahead)…`);
  const { build } = await import('vite');
  await build({ root: consoleRoot, configFile: join(consoleRoot, 'vite.config.ts'), logLevel: 'warn' });
  return 'built';
}
