import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { Metafile } from 'esbuild';
import semver from 'semver';
import { bundle, externalPackages, repoRoot } from './bundle.js';

interface LockedPackage {
  readonly version?: string;
  readonly dev?: boolean;
}

const json = (path: string) => JSON.parse(readFileSync(`${repoRoot}${path}`, 'utf8'));
const lock = json('package-lock.json') as { packages: Record<string, LockedPackage> };
const workspaces = (json('package.json') as { workspaces: string[] }).workspaces;

/**
 * The image runs `node dist/<process>.mjs` with ONLY the root's production node_modules beside it
 * (infra/deploy/Dockerfile: `npm ci --omit=dev`, then `COPY /src/node_modules`). So every package a
 * bundle leaves as an import must be installed at the root, as a production package, at a version
 * every workspace that uses it allows. npm nests a workspace's dependency under
 * `<workspace>/node_modules` when the root holds another version (uuid 14 and lru-cache 11 beside dev
 * tools' uuid 10 and lru-cache 10; cdigit beside them): those must be bundled, not left as imports —
 * left as imports, the image had none of them (or a dev tool's version) and every process exited at
 * start with ERR_MODULE_NOT_FOUND. Found when the chaos suite began running the bundles.
 */
describe('the image: what the bundles import is installed at the root as a production dependency', function () {
  this.timeout(60_000);
  let metafile: Metafile;
  const out = mkdtempSync(join(tmpdir(), 'chartline-bundle-'));
  before(async () => {
    metafile = await bundle(out);
  });
  after(() => rmSync(out, { recursive: true, force: true }));

  const ranges = new Map<string, { range: string; workspace: string }[]>();
  for (const workspace of workspaces) {
    const dependencies = (json(`${workspace}/package.json`) as { dependencies?: Record<string, string> }).dependencies;
    for (const [name, range] of Object.entries(dependencies ?? {}))
      ranges.set(name, [...(ranges.get(name) ?? []), { range, workspace }]);
  }

  it('each external package is at node_modules/<name>, not a dev package, in every range asked for', () => {
    const external = externalPackages(metafile);
    expect(external.has('kafkajs')).to.equal(true);
    const wrong: string[] = [];
    for (const name of external) {
      const locked = lock.packages[`node_modules/${name}`];
      if (!locked?.version) {
        wrong.push(`${name}: imported by a bundle, not installed at the root`);
        continue;
      }
      if (locked.dev) wrong.push(`${name}: ${locked.version} at the root is a dev package (not in the image)`);
      for (const { range, workspace } of ranges.get(name) ?? [])
        if (!semver.satisfies(locked.version, range))
          wrong.push(`${name}: ${locked.version} at the root, ${workspace} needs ${range}`);
    }
    expect(wrong).to.deep.equal([]);
  });

  it('packages npm nested under a workspace are bundled, not imported', () => {
    const nested = Object.keys(lock.packages)
      .filter((path) => workspaces.some((w) => path.startsWith(`${w}/node_modules/`)))
      .map((path) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length));
    expect(nested).to.include('uuid');
    const external = externalPackages(metafile);
    expect(nested.filter((name) => external.has(name))).to.deep.equal([]);
  });
});
