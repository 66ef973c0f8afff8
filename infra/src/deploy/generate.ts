import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  BASE_KUSTOMIZATION,
  configuredPartitions,
  generatedK8sFiles,
  kindFolder,
  regions,
  withRegion,
} from './generated-files.js';
import { type ModuleWorkload, moduleWorkloads } from './workloads.js';

/** infra/deploy/, where the generated files live beside the hand-written ones. */
export const deployDir = fileURLToPath(new URL('../../deploy/', import.meta.url));

/** What the deploy folder must hold for these workloads: whole files and rewritten regions, and folders to remove. */
export interface DeployPlan {
  /** Path under the deploy folder → the content it must have. */
  readonly files: Map<string, string>;
  /** Generated folders of workloads the manifest no longer has (a module removed or renamed). */
  readonly staleFolders: string[];
}

export function planDeployFiles(
  dir: string = deployDir,
  workloads: readonly ModuleWorkload[] = moduleWorkloads(),
): DeployPlan {
  const partitions = configuredPartitions(readFileSync(join(dir, BASE_KUSTOMIZATION), 'utf8'));
  const files = generatedK8sFiles(workloads, partitions);
  for (const region of Object.values(regions)) {
    files.set(region.file, withRegion(readFileSync(join(dir, region.file), 'utf8'), region, workloads));
  }
  const staleFolders: string[] = [];
  for (const folder of Object.values(kindFolder)) {
    const base = join(dir, 'k8s/base', folder);
    if (!existsSync(base)) continue;
    for (const entry of readdirSync(base, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name === 'template') continue;
      const path = `k8s/base/${folder}/${entry.name}`;
      if (!files.has(`${path}/kustomization.yaml`)) staleFolders.push(path);
    }
  }
  return { files, staleFolders: staleFolders.sort() };
}

/** Paths under the deploy folder whose content differs from the plan (absent counts), then stale folders. */
export function staleDeployFiles(dir: string = deployDir, plan: DeployPlan = planDeployFiles(dir)): string[] {
  const differing = [...plan.files].filter(([path, content]) => {
    const file = join(dir, path);
    return !existsSync(file) || readFileSync(file, 'utf8') !== content;
  });
  return [...differing.map(([path]) => path).sort(), ...plan.staleFolders];
}

/** Brings the deploy folder in line with the plan; returns what it changed. */
export function writeDeployFiles(dir: string = deployDir, plan: DeployPlan = planDeployFiles(dir)): string[] {
  const changed = staleDeployFiles(dir, plan);
  for (const path of changed) {
    const content = plan.files.get(path);
    const file = join(dir, path);
    if (content === undefined) {
      rmSync(file, { recursive: true, force: true });
      continue;
    }
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return changed;
}
