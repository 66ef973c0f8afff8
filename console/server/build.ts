import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { setPriority } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The console workspace and where `npm run build` puts its assets (beside the bundled processes). */
export const consoleRoot = fileURLToPath(new URL('../', import.meta.url));
export const defaultAssetsDir = fileURLToPath(new URL('../../dist/console/', import.meta.url));

/**
 * The embedded start serves built assets (the same files production serves), building them once
 * if they are missing. The build runs as a child process at the lowest CPU priority, so on a busy
 * machine it takes what the start leaves over instead of slowing the seeding and the APIs.
 */
export async function ensureConsoleBuilt(
  assetsDir: string = defaultAssetsDir,
  say: (line: string) => void = () => {},
  /** Stops the build (the start is stopping). */
  signal?: AbortSignal,
): Promise<'present' | 'built'> {
  if (existsSync(join(assetsDir, 'index.html'))) return 'present';
  say(`  building the console into ${assetsDir} in the background (first start; \`npm run build\` does it ahead)`);
  const vite = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');
  const child = spawn(
    process.execPath,
    [vite, 'build', '--logLevel', 'error', '--outDir', assetsDir, '--emptyOutDir'],
    {
      cwd: consoleRoot,
      stdio: ['ignore', 'ignore', 'pipe'],
      ...(signal ? { signal } : {}),
    },
  );
  try {
    if (child.pid !== undefined) setPriority(child.pid, 19);
  } catch {
    // not permitted here: it runs at normal priority
  }
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => {
    errors += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', resolve);
  });
  if (code !== 0) throw new Error(`vite build exited ${code}: ${errors.trim().split('\n').slice(-3).join(' ')}`);
  say('  console built');
  return 'built';
}
