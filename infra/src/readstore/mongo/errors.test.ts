import { expect } from 'chai';
import { MongoServerError } from 'mongodb';
import { isTransient } from '../../consumer/transient.js';
import { DuplicateKey, ReadStoreUnavailable } from '../errors.js';
import { translate } from './errors.js';

const internal = (errmsg: string) => new MongoServerError({ ok: 0, code: 1, codeName: 'InternalError', errmsg });

describe('translate (MongoDB-wire errors → the read store port)', () => {
  // Recorded from FerretDB 1.24.2 on PostgreSQL after its PostgreSQL connections were terminated
  // (pg_terminate_backend; a PostgreSQL SIGKILL does the same): each pooled connection fails once so.
  const terminated =
    '[msg_update.go:133 handler.(*Handler).updateDocument] [update.go:59 common.UpdateDocument] ' +
    '[filter_iterator.go:52 common.(*filterIterator).Next] [query_iterator.go:92 postgresql.(*queryIterator).Next] ' +
    'FATAL: terminating connection due to administrator command (SQLSTATE 57P01)';

  it("makes FerretDB's lost PostgreSQL connection the store being away, which consumers retry and never park", () => {
    for (const message of [
      terminated,
      '[collection.go:109 postgresql.(*collection).Query] unexpected EOF',
      '[pool.go:1 x] failed to connect to `host=127.0.0.1 user=postgres database=chartline_ferretdb`: dial error',
      'FATAL: the database system is starting up (SQLSTATE 57P03)',
      'conn closed',
      'server closed the connection unexpectedly (SQLSTATE 08006)',
    ]) {
      const translated = translate(internal(message), 'bed_board');
      expect(translated, message).to.be.instanceOf(ReadStoreUnavailable);
      expect(isTransient(translated), message).to.equal(true);
    }
  });

  it('leaves any other internal error as it is: a fault of the request, parked after its retries', () => {
    const other = internal('[msg_update.go:1 x] invalid document: key must not start with $');
    expect(translate(other, 'bed_board')).to.equal(other);
    expect(isTransient(translate(other, 'bed_board'))).to.equal(false);
  });

  it("still tells FerretDB/SQLite's unique violation as a duplicate key, by its index's name only", () => {
    const translated = translate(
      internal("UNIQUE constraint failed: index 'bed_board_0a1b2c3d_ward_bed_unique'"),
      'bed_board',
    );
    expect(translated).to.be.instanceOf(DuplicateKey);
    expect((translated as DuplicateKey).index).to.equal('ward_bed_unique');
  });

  // Recorded from FerretDB 1.24.2 on PostgreSQL: an update onto a taken key, a unique index over clashing documents.
  it("tells FerretDB/PostgreSQL's unique violation (SQLSTATE 23505) as a duplicate key, not the store being away", () => {
    for (const message of [
      '[msg_update.go:133 handler.(*Handler).updateDocument] [update.go:114 common.UpdateDocument] [collection.go:227 postgresql.(*collection).UpdateAll] ERROR: duplicate key value violates unique constraint "beds_a1592c4d_ward___bed___138e386b_idx" (SQLSTATE 23505)',
      '[msg_createindexes.go:155 handler.(*Handler).MsgCreateIndexes] [registry.go:849 metadata.(*Registry).indexesCreate] ERROR: could not create unique index "clash_c43e335a_x___8b4465bb_idx" (SQLSTATE 23505)',
    ]) {
      const translated = translate(internal(message), 'beds');
      expect(translated, message).to.be.instanceOf(DuplicateKey);
      expect(isTransient(translated)).to.equal(false);
    }
    expect(
      (
        translate(
          internal('… unique constraint "contract_______mx_cu_nv____420_mrn_unique_4565353e_idx" (SQLSTATE 23505)'),
          'p',
        ) as DuplicateKey
      ).index,
    ).to.equal('contract_______mx_cu_nv____420_mrn_unique');
  });
});
