import { readFileSync } from 'node:fs';
import { expect } from 'chai';

const read = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');

/**
 * Node 20 reached end of life in April 2026: the image runs Node 24 LTS, `engines` says so (and
 * that 20.19+ still works on a development machine), and CI runs tests on Node 24 as well.
 */
describe('supported Node versions', () => {
  it('the image is built and run on Node 24 LTS', () => {
    const dockerfile = read('infra/deploy/Dockerfile');
    expect(dockerfile).to.match(/^ARG NODE_IMAGE=node:24-[a-z-]+$/m);
    // Both the toolchain (where better-sqlite3 compiles) and the runtime stage start from it.
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the Dockerfile's ${...}, not a template
    const image = 'FROM ${NODE_IMAGE}';
    expect(dockerfile.match(/^FROM \S+/gm)).to.deep.equal([image, 'FROM toolchain', 'FROM toolchain', image]);
  });

  it('engines: Node 24 LTS, and 20.19+ for development machines', () => {
    const pkg = JSON.parse(read('package.json')) as { engines: { node: string } };
    expect(pkg.engines.node.split('||').map((r) => r.trim())).to.deep.equal(['^24.0.0', '^20.19.0']);
  });

  it('CI runs the tests under Node 24 after the Node 20 suite', () => {
    const ci = read('.ci/run');
    const node20 = ci.indexOf('step "tests (npm test)" npm test');
    const node24 = ci.indexOf('scripts/node24.sh ci');
    expect(node20).to.be.greaterThan(0);
    expect(node24).to.be.greaterThan(node20);
  });
});
