import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { projectedModuleNames } from '@chartline/events';
import { expect } from 'chai';

/**
 * Each module's specs check that they cover its handlers (describeProjectionSpecs); this checks
 * that no module with read models goes without such specs at all.
 */
describe('projection specs exist for every module with read models', () => {
  for (const module of projectedModuleNames) {
    it(`${module}: a projection*.test.ts runs describeProjectionSpecs over its projection`, () => {
      const folder = new URL(`./${module}/`, import.meta.url);
      expect(existsSync(folder), `projections/src/${module}/`).to.equal(true);
      const specs = readdirSync(folder)
        .filter((name) => /^projection.*\.test\.ts$/.test(name))
        .filter((name) =>
          /describeProjectionSpecs\(\s*\w+Projection\s*,/.test(readFileSync(new URL(name, folder), 'utf8')),
        );
      expect(
        specs,
        `projections/src/${module}/projection*.test.ts calling describeProjectionSpecs`,
      ).to.have.length.above(0);
    });
  }
});
