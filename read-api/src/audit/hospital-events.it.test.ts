import { type EventStore, PostgresEventStore, requireService } from '@chartline/infra';
import { expect } from 'chai';
import pg from 'pg';
import { memoryStores, seedHospital } from '../testing/hospital.js';
import { type HospitalEventsQuery, hospitalEvents } from './hospital-events.js';

/** The same store without its index method: the scan path, over the same rows. */
const scanOnly = (store: EventStore): EventStore =>
  new Proxy(store, {
    get: (target, property, receiver) =>
      property === 'readHospitalEvents' ? undefined : Reflect.get(target, property, receiver),
  });

describe('audit: a hospital’s events from PostgreSQL’s indexes (issue 22 item 15)', () => {
  let url: string;
  let store: PostgresEventStore;
  const schema = `es_audit_${process.pid}_${Date.now()}`;

  before(async function () {
    url = requireService(this, 'POSTGRES_URL');
    store = await PostgresEventStore.open({ url, schema });
    const stores = { ...memoryStores(), eventStore: store };
    await seedHospital(stores, 'h1');
    await seedHospital(stores, 'h2');
  });

  after(async () => {
    await store?.close();
    if (!url) return;
    const client = new pg.Client(url);
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  });

  /** Every page of a query, cursor after cursor. */
  async function allPages(from: EventStore, query: Omit<HospitalEventsQuery, 'after'>) {
    const items: { eventId: string; position: number }[] = [];
    let after = 0;
    for (let pages = 0; pages < 100; pages++) {
      const page = await hospitalEvents(from, 'h1', { ...query, after });
      items.push(...page.items.map((e) => ({ eventId: e.eventId, position: e.position })));
      if (page.nextCursor === null) return items;
      after = Number(page.nextCursor);
    }
    throw new Error('more than 100 pages');
  }

  it('answers every filter as the scan does, in position order, page after page', async () => {
    const everything = await allPages(scanOnly(store), { limit: 100 });
    expect(everything.length).to.be.greaterThan(20);
    const some = (await hospitalEvents(store, 'h1', { after: 0, limit: 100 })).items;
    const actor = some[0]!.actor.id;
    const type = some[3]!.type;
    const middle = Date.parse(some[Math.floor(some.length / 2)]!.occurredAt);
    const queries: Omit<HospitalEventsQuery, 'after'>[] = [
      { limit: 100 },
      { limit: 3 },
      { limit: 2, type },
      { limit: 2, actorId: actor },
      { limit: 2, actorId: 'nobody' },
      { limit: 4, from: middle },
      { limit: 4, to: middle },
      { limit: 1, from: middle, to: middle },
      { limit: 3, type, actorId: actor, from: 0, to: middle + 60_000 },
    ];
    for (const query of queries) {
      const indexed = await allPages(store, query);
      expect(indexed, JSON.stringify(query)).to.deep.equal(await allPages(scanOnly(store), query));
      const positions = indexed.map((e) => e.position);
      expect(positions, JSON.stringify(query)).to.deep.equal([...positions].sort((a, b) => a - b));
    }
    expect(await allPages(store, { limit: 2, actorId: 'nobody' })).to.deep.equal([]);
  });

  it('says there is no next page when the last page is exactly full', async () => {
    const all = (await hospitalEvents(store, 'h1', { after: 0, limit: 1000 })).items;
    const page = await hospitalEvents(store, 'h1', { after: 0, limit: all.length });
    expect(page.items).to.have.length(all.length);
    expect(page.nextCursor).to.equal(null);
  });
});
