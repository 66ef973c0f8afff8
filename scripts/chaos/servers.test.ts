import { expect } from 'chai';
import { ferretdbBackendOf } from './servers.js';

describe("chaos servers: FerretDB's backend", () => {
  it('is SQLite unless PostgreSQL is named, and refuses anything else rather than guess', () => {
    expect(ferretdbBackendOf(undefined)).to.equal('sqlite');
    expect(ferretdbBackendOf('')).to.equal('sqlite');
    expect(ferretdbBackendOf('sqlite')).to.equal('sqlite');
    expect(ferretdbBackendOf('postgresql')).to.equal('postgresql');
    expect(() => ferretdbBackendOf('postgres')).to.throw(/sqlite or postgresql/);
  });
});
