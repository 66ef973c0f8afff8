import { expect } from 'chai';
import { alsoMongodbFromEnv } from './pipeline.js';
import { serverKey } from './pipeline-section.js';

describe('pipeline bench: read stores side by side (issue 20 item 4)', () => {
  it('measures a second MongoDB-wire server only when BENCH_ALSO_MONGODB_URL names one', () => {
    expect(alsoMongodbFromEnv({})).to.deep.equal({});
    expect(alsoMongodbFromEnv({ BENCH_ALSO_MONGODB_URL: 'mongodb://127.0.0.1:57117/' })).to.deep.equal({
      alsoMongodb: { url: 'mongodb://127.0.0.1:57117/', server: 'ferretdb-postgresql' },
    });
    expect(
      alsoMongodbFromEnv({ BENCH_ALSO_MONGODB_URL: 'mongodb://h/', BENCH_ALSO_MONGODB_SERVER: 'mongod' }),
    ).to.deep.equal({ alsoMongodb: { url: 'mongodb://h/', server: 'mongod' } });
  });

  it("keys each row's figures by the server named in its row, and none for an unnamed row", () => {
    expect(serverKey('postgres→kafka→mongodb+redis (ferretdb-postgresql)')).to.equal('ferretdb_postgresql');
    expect(serverKey('postgres→kafka→mongodb (ferretdb-sqlite)')).to.equal('ferretdb_sqlite');
    expect(serverKey('postgres→kafka→mongodb+redis')).to.equal(undefined);
  });
});
