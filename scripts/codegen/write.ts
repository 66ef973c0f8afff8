import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generatedRegistries } from './registries.js';

/** The repository root, wherever the script is run from. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Generated registry files (paths from the root) whose content differs from what the manifest gives. */
export function staleRegistries(root: string = repoRoot, files = generatedRegistries()): string[] {
  return [...files]
    .filter(([path, content]) => !existsSync(`${root}${path}`) || readFileSync(`${root}${path}`, 'utf8') !== content)
    .map(([path]) => path);
}

export function writeRegistries(root: string = repoRoot, files = generatedRegistries()): string[] {
  const stale = staleRegistries(root, files);
  for (const path of stale) writeFileSync(`${root}${path}`, files.get(path)!);
  return stale;
}
