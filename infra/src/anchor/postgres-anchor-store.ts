import pg from 'pg';
import { quoteIdent } from '../eventstore/postgres/schema.js';
import type { AnchorStore } from './anchor-store.js';
import type { SignedAnchor } from './checkpoint.js';

/**
 * Anchors in PostgreSQL — in production a database of their own, reached with credentials the
 * event store's writers do not hold (the anchoring job: INSERT and SELECT; auditors and the read
 * API: SELECT). A trigger refuses UPDATE and DELETE as a second guard; docs/operations.md says
 * how to grant and where the WORM copy goes.
 */
export async function openPostgresAnchorStore(url: string, schema = 'anchors'): Promise<AnchorStore> {
  const pool = new pg.Pool({ connectionString: url, max: 2, connectionTimeoutMillis: 5000 });
  pool.on('error', () => undefined);
  const s = quoteIdent(schema);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`chartline-anchors:${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
    await client.query(`
      CREATE TABLE IF NOT EXISTS ${s}.anchors (
        hospital_id text NOT NULL,
        position    bigint NOT NULL,
        anchored_at timestamptz NOT NULL,
        key_id      text NOT NULL,
        anchor      text NOT NULL,
        PRIMARY KEY (hospital_id, position)
      )`);
    await client.query(`
      CREATE OR REPLACE FUNCTION ${s}.anchors_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'anchors are append-only'; END $$`);
    await client.query(`DROP TRIGGER IF EXISTS anchors_append_only ON ${s}.anchors`);
    await client.query(`
      CREATE TRIGGER anchors_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON ${s}.anchors
      FOR EACH STATEMENT EXECUTE FUNCTION ${s}.anchors_append_only()`);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    client.release();
    await pool.end();
    throw error;
  }
  client.release();
  return {
    async append(anchor) {
      const { checkpoint } = anchor;
      const { rowCount } = await pool.query(
        `INSERT INTO ${s}.anchors (hospital_id, position, anchored_at, key_id, anchor)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
        [checkpoint.hospitalId, checkpoint.position, checkpoint.anchoredAt, anchor.keyId, JSON.stringify(anchor)],
      );
      return rowCount === 1;
    },
    async latest(hospitalId) {
      const { rows } = await pool.query<{ anchor: string }>(
        `SELECT anchor FROM ${s}.anchors WHERE hospital_id = $1 ORDER BY position DESC LIMIT 1`,
        [hospitalId],
      );
      return rows[0] ? (JSON.parse(rows[0].anchor) as SignedAnchor) : undefined;
    },
    async all() {
      const { rows } = await pool.query<{ anchor: string }>(
        `SELECT anchor FROM ${s}.anchors ORDER BY anchored_at, hospital_id, position`,
      );
      return rows.map((r) => JSON.parse(r.anchor) as SignedAnchor);
    },
    close: () => pool.end(),
  };
}

/** `postgres://…` (optionally `?schema=`-less; the schema is `anchors`) or a file path for the append-only file. */
export async function openAnchorStore(location: string): Promise<AnchorStore> {
  if (/^postgres(ql)?:\/\//.test(location)) return openPostgresAnchorStore(location);
  const { fileAnchorStore } = await import('./file-anchor-store.js');
  return fileAnchorStore(location.replace(/^file:/, ''));
}
