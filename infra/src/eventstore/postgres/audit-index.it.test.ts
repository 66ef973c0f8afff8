import { expect } from 'chai';
import pg from 'pg';
import { requireService } from '../../testing/services.js';
import { hospitalEventsSql } from './audit-index.js';
import { PostgresEventStore } from './postgres-event-store.js';
import { quoteIdent } from './schema.js';

/**
 * The auditors' page stays bounded as a hospital's history grows: proven by the plan and the
 * pages read on a generated table (seconds), not by loading a million events in CI.
 */
describe('PostgreSQL event store: the auditors’ page reads only what it returns (issue 22 item 15)', () => {
  // AUDIT_PLAN_ROWS=1000000 takes the same measure at a million events (docs/performance.md), by hand.
  const ROWS = Number(process.env.AUDIT_PLAN_ROWS ?? 60_000);
  let url: string;
  let client: pg.Client;
  const schema = `es_auditplan_${process.pid}_${Date.now()}`;

  before(async function () {
    this.timeout(120_000);
    url = requireService(this, 'POSTGRES_URL');
    const store = await PostgresEventStore.open({ url, schema });
    await store.close();
    client = new pg.Client(url);
    await client.connect();
    // h1 holds nearly everything; one rare actor and one rare type, three events each, at the end;
    // occurredAt one second apart in position order.
    await client.query(`
      INSERT INTO ${quoteIdent(schema)}.events (stream_id, revision, event_id, type, data, metadata)
      SELECT 'bed-h1.b' || (g % 500), g / 500, 'e' || g,
             CASE WHEN g > ${ROWS - 3} THEN 'audit.Rare' ELSE 'admissions.BedAdded' END, '{}',
             json_build_object('hospitalId', CASE WHEN g % 50 = 0 THEN 'h2' ELSE 'h1' END,
               'occurredAt', to_char((timestamptz '2026-01-01 00:00:00Z' + g * interval '1 second') AT TIME ZONE 'UTC',
                                     'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
               'actor', json_build_object('id', CASE WHEN g > ${ROWS - 3} THEN 'rare-actor' ELSE 'clerk-' || (g % 7) END))::text
        FROM generate_series(1, ${ROWS}) AS g`);
    await client.query(`ANALYZE ${quoteIdent(schema)}.events`);
  });

  after(async () => {
    if (!client) return;
    await client.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
    await client.end();
  });

  async function plan(query: Parameters<typeof hospitalEventsSql>[1]) {
    const { text, values } = hospitalEventsSql(schema, query);
    const res = await client.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${text}`, values);
    const top = (res.rows[0] as { 'QUERY PLAN': { Plan: PlanNode; 'Execution Time': number }[] })['QUERY PLAN'][0]!;
    const root = top.Plan;
    if (process.env.AUDIT_PLAN_ROWS) process.stdout.write(`      ${ROWS} events: ${top['Execution Time']} ms\n`);
    const nodes: PlanNode[] = [];
    const walk = (n: PlanNode) => {
      nodes.push(n);
      for (const child of n.Plans ?? []) walk(child);
    };
    walk(root);
    return { root, nodes };
  }
  interface PlanNode {
    'Node Type': string;
    'Index Name'?: string;
    'Actual Rows': number;
    'Shared Hit Blocks': number;
    'Shared Read Blocks': number;
    'Rows Removed by Filter'?: number;
    Plans?: PlanNode[];
  }
  const blocks = (n: PlanNode) => n['Shared Hit Blocks'] + n['Shared Read Blocks'];

  const cases: [string, Parameters<typeof hospitalEventsSql>[1], string][] = [
    [
      'a rare actor',
      { hospitalId: 'h1', after: 0, maxCount: 51, actorId: 'rare-actor' },
      'events_hospital_actor_position',
    ],
    ['a rare type', { hospitalId: 'h1', after: 0, maxCount: 51, type: 'audit.Rare' }, 'events_hospital_type_position'],
    [
      'a narrow time range at the end',
      {
        hospitalId: 'h1',
        after: 0,
        maxCount: 51,
        occurredFrom: '2026-01-01T16:39:00.000Z',
        occurredTo: '2026-01-01T16:40:00.000Z',
      },
      'events_hospital_occurred_position',
    ],
    // Dense (h1 is 98 % of the rows): the primary key in position order, or the hospital's index, both stop at the page.
    [
      'the next page of everything',
      { hospitalId: 'h1', after: ROWS / 2, maxCount: 51 },
      'events_pkey|events_hospital_position',
    ],
  ];
  for (const [what, query, index] of cases) {
    it(`${what}: walks ${index}, no sequential scan, a few pages read of the table's hundreds`, async () => {
      const { root, nodes } = await plan(query);
      expect(
        nodes.map((n) => n['Node Type']),
        what,
      ).to.not.include('Seq Scan');
      const used = nodes.map((n) => n['Index Name']).filter(Boolean);
      expect(
        used.some((name) => index.split('|').includes(name!)),
        `${what}: ${used.join(', ')}`,
      ).to.equal(true);
      // The page, not the history: far fewer blocks than the table holds (~hundreds), whatever it grows to.
      expect(blocks(root), what).to.be.lessThan(40);
      expect(
        nodes.reduce((sum, n) => sum + (n['Rows Removed by Filter'] ?? 0), 0),
        what,
      ).to.be.lessThan(200);
    });
  }
});
