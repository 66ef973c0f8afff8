import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import semver from 'semver';
import { repoRoot } from './bundle.js';

interface LockedPackage {
  readonly version?: string;
  readonly dev?: boolean;
  readonly link?: boolean;
}

const json = (path: string) => JSON.parse(readFileSync(`${repoRoot}${path}`, 'utf8'));
const lock = json('package-lock.json') as { packages: Record<string, LockedPackage> };
const workspaces = (json('package.json') as { workspaces: string[] }).workspaces;

/**
 * The image runs `node dist/<process>.mjs` with ONLY the root's production node_modules beside it
 * (infra/deploy/Dockerfile: `npm ci --omit=dev`, then `COPY /src/node_modules`). The bundles leave
 * every third-party package as an import resolved from there, so each production dependency of a
 * bundled workspace must be installed at the root, as a production package, at a version its range
 * allows. npm nests a workspace's dependency under `<workspace>/node_modules` when the root already
 * holds another version (uuid 10 and lru-cache 10, brought in by dev tools; cdigit beside them):
 * the image then has none (or a dev tool's version) and the process exits at start with
 * ERR_MODULE_NOT_FOUND. Found when the chaos suite began running the bundles.
 */
describe('the image: every production dependency of a bundled workspace is installed at the root', () => {
  const wanted = new Map<string, { range: string; workspace: string }[]>();
  for (const workspace of workspaces) {
    const dependencies = (json(`${workspace}/package.json`) as { dependencies?: Record<string, string> }).dependencies;
    for (const [name, range] of Object.entries(dependencies ?? {})) {
      if (name.startsWith('@chartline/')) continue;
      wanted.set(name, [...(wanted.get(name) ?? []), { range, workspace }]);
    }
  }

  it('finds the workspaces and their dependencies', () => {
    expect(wanted.has('uuid') && wanted.has('kafkajs')).to.equal(true);
  });

  it('each is at node_modules/<name>, not a dev package, in the range every workspace asks for', () => {
    const wrong: string[] = [];
    for (const [name, wants] of wanted) {
      const locked = lock.packages[`node_modules/${name}`];
      if (!locked?.version) {
        wrong.push(`${name}: not at the root (nested under a workspace: the image has none)`);
        continue;
      }
      if (locked.dev) wrong.push(`${name}: ${locked.version} at the root is a dev package (not in the image)`);
      for (const { range, workspace } of wants)
        if (!semver.satisfies(locked.version, range))
          wrong.push(`${name}: ${locked.version} at the root, ${workspace} needs ${range}`);
    }
    expect(wrong).to.deep.equal([]);
  });
});
