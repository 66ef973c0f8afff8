import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import semver from 'semver';

/**
 * What a fresh `npm install` prints (issue 22 item 4). Read from the lockfile, so a dependency
 * bump that brings an engine warning or an unreviewed install script fails here, not on a
 * newcomer's machine.
 */
const root = new URL('../', import.meta.url);
const read = (name: string) => JSON.parse(readFileSync(new URL(name, root), 'utf8'));

interface LockedPackage {
  version?: string;
  engines?: { node?: string };
  hasInstallScript?: boolean;
}
const locked = Object.entries(read('package-lock.json').packages as Record<string, LockedPackage>)
  .filter(([path]) => path.includes('node_modules/'))
  .map(([path, pkg]) => ({ name: path.slice(path.lastIndexOf('node_modules/') + 13), ...pkg }));
const manifest = read('package.json') as { engines: { node: string }; allowScripts: Record<string, boolean> };

/** Does a package's engines.node admit this Node version? (No field: it admits every one.) */
const admits = (pkg: LockedPackage, node: string) =>
  !pkg.engines?.node || semver.satisfies(node, pkg.engines.node, { includePrerelease: true });

/** The oldest Node 20 that `engines` admits: the one a development machine may still have. */
const oldestNode20 =
  semver.minVersion(manifest.engines.node.split('||').find((r) => r.includes('20')) ?? '')?.version ?? '';

describe('a fresh npm install', () => {
  it('prints no engine warning on the supported Node 24 LTS', () => {
    expect(oldestNode20).to.match(/^20\./);
    const refusing = locked.filter((p) => !admits(p, '24.0.0')).map((p) => `${p.name} (${p.engines?.node})`);
    expect(refusing).to.deep.equal([]);
    expect(semver.satisfies('24.0.0', manifest.engines.node)).to.equal(true);
  });

  it('on Node 20 warns only about the deploy validators the README names', () => {
    const refusing = [...new Set(locked.filter((p) => !admits(p, oldestNode20)).map((p) => p.name))].sort();
    expect(refusing.every((name) => /^(@kubernetes-models\/[\w-]+|kubernetes-models)$/.test(name))).to.equal(
      true,
      `new Node 20 engine warnings: ${refusing.join(', ')}`,
    );
    const readme = readFileSync(new URL('README.md', root), 'utf8');
    for (const name of refusing) expect(readme, `README names ${name}`).to.include(`\`${name}\``);
  });

  it('runs only install scripts that package.json approves (npm 12 will skip the rest)', () => {
    const scripted = [...new Set(locked.filter((p) => p.hasInstallScript).map((p) => p.name))].sort();
    expect(scripted).to.include('better-sqlite3');
    const unreviewed = scripted.filter((name) => manifest.allowScripts?.[name] !== true);
    expect(unreviewed, 'add them to allowScripts after reviewing').to.deep.equal([]);
  });

  it('shows the native compile as it happens instead of minutes of silence', () => {
    const npmrc = readFileSync(new URL('.npmrc', root), 'utf8');
    expect(npmrc).to.match(/^foreground-scripts=true$/m);
  });
});
