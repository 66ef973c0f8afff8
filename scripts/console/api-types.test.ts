import { expect } from 'chai';
import { staleConsoleApiTypes } from './api-types.js';

describe('the console API types', () => {
  it('match both APIs’ OpenAPI documents (run `npm run generate` after changing a route or a command)', async function () {
    this.timeout(60_000); // openapi-typescript over both documents: a few seconds
    expect(await staleConsoleApiTypes()).to.deep.equal([]);
  });
});
