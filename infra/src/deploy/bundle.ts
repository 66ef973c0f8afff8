import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build, type Metafile, type Plugin } from 'esbuild';

/**
 * Bundles the production entrypoints into dist/<process>.mjs for the container image.
 * Only Chartline's own workspaces are bundled (they export TypeScript, which node cannot run);
 * every third-party package stays an import resolved from the image's production node_modules, so
 * native modules (better-sqlite3), optional peers (pg-native) and packages that read their own
 * files at run time (gRPC, protobufs) work exactly as under tsx.
 *
 *   npm run build            → dist/command-api.mjs, dist/relay.mjs, dist/projector.mjs, dist/process-manager.mjs,
 *                              dist/read-api.mjs, dist/console.mjs (+ dist/console/, the console's assets),
 *                              dist/anchor.mjs (the anchoring CronJob),
 *                              dist/inventory-expiry-sweep.mjs (the inventory's expiry sweep CronJob)
 */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

export const entrypoints = {
  'command-api': 'commands/src/main/command-api.ts',
  relay: 'commands/src/main/relay.ts',
  projector: 'projections/src/main/projector.ts',
  'process-manager': 'commands/src/main/process-manager.ts',
  'read-api': 'read-api/src/main/read-api.ts',
  // The web console's server: its static assets (built by vite into dist/console/) and both APIs
  // proxied under /api (console/server/app.ts).
  console: 'console/server/main.ts',
  // Not a server: one anchoring run, scheduled by the CronJob `anchor` (k8s/base/anchor.yaml).
  anchor: 'scripts/anchor.ts',
  // Not a server: the inventory's daily expiry sweep, scheduled by the CronJob `inventory-expiry-sweep`.
  'inventory-expiry-sweep': 'scripts/inventory-expiry-sweep.ts',
  // Not a server: HR's daily licence sweep, scheduled by the CronJob `hr-licence-sweep`.
  'hr-licence-sweep': 'scripts/hr-licence-sweep.ts',
  // Not a server: billing's nightly bed-day capture, scheduled by the CronJob `billing-capture-bed-days`.
  'billing-capture-bed-days': 'scripts/billing-capture-bed-days.ts',
  // Not a process: preloaded by every process (NODE_OPTIONS --import) so OpenTelemetry patches
  // the instrumented libraries before they load. Off unless OTEL_* configures an exporter.
  'telemetry-preload': 'infra/src/telemetry/preload.ts',
} as const;

/**
 * Third-party packages stay imports resolved from the image's root node_modules — except those npm
 * installed under a workspace's own node_modules (it nests a workspace's dependency when the root
 * holds another version, e.g. uuid 14 beside a dev tool's uuid 10): the image has only the root's
 * production node_modules, so those are bundled, from where the importing file resolves them (as
 * tsx does). Found by the chaos suite, which runs the bundles: the processes exited at start with
 * ERR_MODULE_NOT_FOUND (cdigit). `image-dependencies.test.ts` checks what stays external.
 */
/**
 * The workspaces' own node_modules, as real paths: esbuild resolves symlinks, and a checkout whose
 * packages are links into another's node_modules (new-module's fresh clone) would otherwise see
 * every package as nested and try to bundle native ones (@kurrent/bridge's .node files).
 */
const workspaceModules = (
  JSON.parse(readFileSync(`${repoRoot}package.json`, 'utf8')) as { workspaces: string[] }
).workspaces
  .map((ws) => `${repoRoot}${ws}/node_modules`)
  .filter((dir) => existsSync(dir))
  .map((dir) => `${realpathSync(dir)}/`);
const thirdPartyExternal: Plugin = {
  name: 'third-party-external',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.path.startsWith('@chartline/') || args.pluginData === 'resolving') return undefined;
      const found = await b.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        importer: args.importer,
        pluginData: 'resolving',
      });
      const nested =
        found.errors.length === 0 && !found.external && workspaceModules.some((dir) => found.path.startsWith(dir));
      return nested ? { path: found.path } : { path: args.path, external: true };
    });
  },
};

export async function bundle(outdir = `${repoRoot}dist`): Promise<Metafile> {
  const missing = Object.values(entrypoints).filter((file) => !existsSync(`${repoRoot}${file}`));
  if (missing.length > 0) throw new Error(`entrypoints not found: ${missing.join(', ')}`);
  const result = await build({
    absWorkingDir: repoRoot,
    entryPoints: Object.entries(entrypoints).map(([out, file]) => ({ out, in: file })),
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
    plugins: [thirdPartyExternal],
    // Some dependencies are CommonJS and call require(); give the ESM bundle one.
    banner: {
      js: "import { createRequire as __chartlineRequire } from 'node:module'; const require = __chartlineRequire(import.meta.url);",
    },
  });
  return result.metafile;
}

/** The package names a bundle imports at run time (not node builtins): all must be production dependencies. */
export function externalPackages(metafile: Metafile): Set<string> {
  const builtins = new Set(builtinModules);
  const packages = new Set<string>();
  for (const output of Object.values(metafile.outputs)) {
    for (const imported of output.imports) {
      if (!imported.external) continue;
      const path = imported.path.replace(/^node:/, '');
      if (builtins.has(path) || builtins.has(path.split('/')[0] ?? '')) continue;
      const parts = imported.path.split('/');
      packages.add(imported.path.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] ?? imported.path));
    }
  }
  return packages;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const metafile = await bundle();
  for (const [file, output] of Object.entries(metafile.outputs)) {
    if (file.endsWith('.mjs')) console.log(`${file}  ${(output.bytes / 1024).toFixed(0)} KiB`);
  }
}
