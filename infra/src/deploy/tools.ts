import { spawnSync } from 'node:child_process';

/**
 * Deployment checks shell out to real tools (kubectl for kustomize, promtool for alert rules). A
 * machine without one reports the suite as skipped with the reason, never as passed; `.ci/run`
 * installs both, so CI skips nothing.
 */
export function findTool(name: string, envOverride: string): string | undefined {
  const candidate = process.env[envOverride]?.trim() || name;
  const probe = spawnSync(candidate, ['--help'], { stdio: 'ignore' });
  return probe.error ? undefined : candidate;
}

export function requireTool(ctx: Mocha.Context, name: string, envOverride: string, debianPackage: string): string {
  const found = findTool(name, envOverride);
  if (found) return found;
  console.log(
    `      skipped: \`${name}\` is not on PATH (install Debian's ${debianPackage}, or set ${envOverride} to the binary)`,
  );
  ctx.skip();
}

/** Runs a tool, returning stdout; a non-zero exit throws with the tool's stderr, which names the problem. */
export function run(tool: string, args: readonly string[], cwd?: string): string {
  const result = spawnSync(tool, args, { encoding: 'utf8', cwd, maxBuffer: 32 * 1024 * 1024 });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(`${tool} ${args.join(' ')} exited ${result.status}:\n${result.stderr}${result.stdout}`);
  }
  return result.stdout;
}
