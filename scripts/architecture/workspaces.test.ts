import { readFileSync } from 'node:fs';
import { expect } from 'chai';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const workspaces = (JSON.parse(read('package.json')) as { workspaces: string[] }).workspaces;

/**
 * A workspace added to package.json (as the shared kernel was) must also be built by `tsc -b`,
 * tested by every mocha tier and copied into the image, or it works on a laptop and not in CI or
 * production.
 */
describe('workspaces', () => {
  it('each is referenced by the root tsconfig, tested by every tier and copied into the image', () => {
    expect(workspaces).to.include.members(['events', 'kernel', 'infra', 'commands', 'projections', 'read-api']);
    const references = (JSON.parse(read('tsconfig.json')) as { references: { path: string }[] }).references.map(
      (r) => r.path,
    );
    const dockerfile = read('infra/deploy/Dockerfile');
    for (const ws of workspaces) {
      expect(references, `tsconfig.json references ${ws}`).to.include(`./${ws}`);
      for (const tier of ['unit', 'it', 'e2e']) {
        const spec = (JSON.parse(read(`.mocharc.${tier}.json`)) as { spec: string[] }).spec.join(' ');
        expect(spec, `.mocharc.${tier}.json covers ${ws}`).to.match(new RegExp(`[{,]${ws}[,}]`));
      }
      expect(dockerfile, `Dockerfile copies ${ws}/package.json`).to.contain(`COPY ${ws}/package.json ${ws}/\n`);
      expect(dockerfile, `Dockerfile copies ${ws}'s sources`).to.contain(`COPY ${ws} ${ws}\n`);
    }
  });
});
