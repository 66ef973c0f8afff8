import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';

const root = fileURLToPath(new URL('../', import.meta.url));
const workspaces = ['events', 'infra', 'kernel', 'commands', 'projections', 'read-api', 'console'];

/** What `npm run new-module demo` may change: the module's folders, its manifest entry, generated files. */
const allowed = [
  /^events\/src\/modules\/demo\//,
  /^kernel\/src\/demo\//,
  /^commands\/src\/demo\//,
  /^projections\/src\/demo\//,
  /^read-api\/src\/demo\//,
  /^scripts\/modules\/demo\//,
  /^infra\/deploy\/k8s\/base\/projectors\/demo\//,
  /^events\/src\/modules\/manifest\.ts$/,
  /\.generated\.ts$/,
  /^infra\/deploy\/k8s\/base\/projectors\/kustomization\.yaml$/,
  /^infra\/deploy\/compose\.yaml$/,
  /^infra\/deploy\/prometheus\/prometheus\.yml$/,
  /^docs\/events\.md$/,
];

/**
 * A fresh clone of the committed tree (so commit first), with the dependencies linked rather than
 * installed: each package of the original node_modules is a link, and @chartline/* point into the
 * clone's own workspaces as `npm install` would make them.
 */
function cloneWithDependencies(): string {
  const dir = mkdtempSync(join(tmpdir(), 'chartline-new-module-'));
  const git = spawnSync('git', ['clone', '--quiet', '--no-hardlinks', root, dir], { encoding: 'utf8' });
  if (git.status !== 0) throw new Error(`git clone: ${git.stderr}`);
  // The links are not directories, which .gitignore's `node_modules/` matches; ignore them locally.
  appendFileSync(join(dir, '.git/info/exclude'), 'node_modules\n');
  mkdirSync(join(dir, 'node_modules/@chartline'), { recursive: true });
  for (const entry of readdirSync(join(root, 'node_modules'))) {
    if (entry !== '@chartline') symlinkSync(join(root, 'node_modules', entry), join(dir, 'node_modules', entry));
  }
  for (const ws of workspaces) {
    symlinkSync(`../../${ws}`, join(dir, 'node_modules/@chartline', ws));
    const own = join(root, ws, 'node_modules');
    if (readdirSync(join(root, ws)).includes('node_modules')) symlinkSync(own, join(dir, ws, 'node_modules'));
  }
  return dir;
}

describe('npm run new-module in a fresh clone', function () {
  this.timeout(15 * 60_000);
  let dir: string;
  const run = (command: string, ...args: string[]) =>
    spawnSync(command, args, { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const scaffold = (...args: string[]) => run(process.execPath, '--import', 'tsx', 'scripts/new-module.ts', ...args);
  const changed = () =>
    run('git', 'status', '--porcelain', '--untracked-files=all')
      .stdout.split('\n')
      .filter(Boolean)
      .map((line) => line.slice(3));

  before(() => {
    dir = cloneWithDependencies();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a bad name with exit 2 and the reason, changing nothing', () => {
    for (const [args, says] of [
      [['Demo'], 'use lowercase letters a-z only'],
      [['patients'], 'module "patients" already exists'],
      [[], 'name the module'],
      [['demo', 'more'], 'one name only'],
    ] as const) {
      const result = scaffold(...args);
      expect(result.status, `${args}: ${result.stderr}`).to.equal(2);
      expect(result.stderr, String(args)).to.include(says);
      expect(changed(), String(args)).to.deep.equal([]);
    }
  });

  it('scaffolds demo on every side, touching only its folders, its manifest entry and generated files', () => {
    const result = scaffold('demo');
    expect(result.status, result.stderr + result.stdout).to.equal(0);
    const paths = changed();
    expect(paths).to.include.members([
      'events/src/modules/manifest.ts',
      'commands/src/demo/decider.test.ts',
      'projections/src/demo/projection.test.ts',
      'read-api/src/demo/routes.test.ts',
      'kernel/src/demo/read-model.ts',
      'infra/deploy/k8s/base/projectors/demo/kustomization.yaml',
      'docs/events.md',
    ]);
    expect(paths.filter((p) => !allowed.some((a) => a.test(p)))).to.deep.equal([]);
    const again = scaffold('demo');
    expect(again.status).to.equal(2);
    expect(again.stderr).to.include('module "demo" already exists');
  });

  it('then typechecks, lints, passes every unit test (the demo’s among them) and leaves no generated file stale', () => {
    const output: Record<string, string> = {};
    for (const script of ['typecheck', 'lint', 'test:unit']) {
      const result = run('npm', 'run', script);
      output[script] = result.stdout;
      expect(result.status, `npm run ${script}:\n${(result.stdout + result.stderr).slice(-6000)}`).to.equal(0);
    }
    const check = run('npm', 'run', 'generate', '--', '--check');
    expect(check.status, check.stderr).to.equal(0);
    const units = output['test:unit'] ?? '';
    expect(units).to.match(/demo decider[\s\S]*opens a record/);
    expect(units).to.include('demo projection specs');
    expect(units).to.include('demo read routes');
    expect(units).to.match(/module conformance[\s\S]*✔ demo/);
  });
});
