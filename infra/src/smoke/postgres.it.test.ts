import { expect } from 'chai';
import pg from 'pg';
import { requireService } from '../testing/services.js';

// Proves `pg` talks to the PostgreSQL services.sh runs (the event store adapter's database).
describe('smoke: PostgreSQL through pg', () => {
  let pool: pg.Pool | undefined;
  let url: string;

  before(function () {
    url = requireService(this, 'POSTGRES_URL');
    pool = new pg.Pool({ connectionString: url, max: 2, connectionTimeoutMillis: 5_000 });
  });

  after(async () => {
    await pool?.end();
  });

  it('runs a parameterised query in the configured database', async () => {
    const { rows } = await pool!.query<{ db: string; next: number; doc: { ward: string } }>(
      'select current_database() as db, $1::int + 1 as next, $2::jsonb as doc',
      [41, JSON.stringify({ ward: 'oncology' })],
    );
    expect(rows).to.have.length(1);
    expect(rows[0]?.db).to.equal(new URL(url).pathname.slice(1));
    expect(rows[0]?.next).to.equal(42);
    expect(rows[0]?.doc).to.deep.equal({ ward: 'oncology' });
  });

  it('keeps a transaction: a rolled-back insert is not visible', async () => {
    const client = await pool!.connect();
    try {
      await client.query('create temporary table smoke_admissions (id bigserial primary key, ward text not null)');
      await client.query('begin');
      await client.query("insert into smoke_admissions (ward) values ('icu')");
      await client.query('rollback');
      await client.query("insert into smoke_admissions (ward) values ('er')");
      const { rows } = await client.query<{ ward: string }>('select ward from smoke_admissions order by id');
      expect(rows.map((r) => r.ward)).to.deep.equal(['er']);
    } finally {
      client.release(true);
    }
  });
});
