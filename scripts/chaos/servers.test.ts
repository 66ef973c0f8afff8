import { existsSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { ferretdbBackendOf, removeServersDir } from './servers.js';

describe('chaos servers: a fresh start', () => {
  it('removes the PostgreSQL cluster the folder links to, not only the link', () => {
    const root = mkdtempSync(join(tmpdir(), 'chaos-servers-'));
    const cluster = join(root, 'var-tmp-cluster');
    mkdirSync(join(cluster, 'data'), { recursive: true });
    writeFileSync(join(cluster, 'data', 'PG_VERSION'), '15');
    const dir = join(root, 'chaos-short');
    mkdirSync(join(dir, 'redis'), { recursive: true });
    symlinkSync(cluster, join(dir, 'pg'));
    removeServersDir(dir);
    expect(existsSync(dir), 'the folder').to.equal(false);
    expect(existsSync(cluster), 'the linked cluster').to.equal(false);
    removeServersDir(dir); // again: nothing there, no error
  });
});

describe("chaos servers: FerretDB's backend", () => {
  it('is SQLite unless PostgreSQL is named, and refuses anything else rather than guess', () => {
    expect(ferretdbBackendOf(undefined)).to.equal('sqlite');
    expect(ferretdbBackendOf('')).to.equal('sqlite');
    expect(ferretdbBackendOf('sqlite')).to.equal('sqlite');
    expect(ferretdbBackendOf('postgresql')).to.equal('postgresql');
    expect(() => ferretdbBackendOf('postgres')).to.throw(/sqlite or postgresql/);
  });
});
