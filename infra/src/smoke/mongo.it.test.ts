import { expect } from 'chai';
import { type Db, MongoClient } from 'mongodb';
import { v7 as uuidv7 } from 'uuid';
import { requireService } from '../testing/services.js';

interface BedDoc {
  _id: string;
  hospitalId: string;
  ward: string;
  status: 'free' | 'occupied';
  sinceUtc: string;
}

// Proves the `mongodb` driver talks to the MongoDB-wire server (FerretDB here, MongoDB in
// production) with the operations the projections rely on: upsert, index, query.
describe('smoke: MongoDB wire through the mongodb driver', () => {
  // One database per run so parallel runs never see each other's documents.
  const dbName = `chartline_smoke_${uuidv7().replaceAll('-', '')}`;
  let client: MongoClient | undefined;
  let db: Db;

  before(async function () {
    const url = requireService(this, 'MONGODB_URL');
    client = new MongoClient(url, { serverSelectionTimeoutMS: 5_000 });
    await client.connect();
    db = client.db(dbName);
  });

  after(async () => {
    if (client) {
      await db.dropDatabase();
      const remaining = await client.db().admin().listDatabases({ nameOnly: true });
      expect(remaining.databases.map((d) => d.name)).not.to.include(dbName);
      await client.close();
    }
  });

  it('upserts, creates an index and queries through it', async () => {
    const beds = db.collection<BedDoc>('beds');
    const hospitalId = uuidv7();

    const inserted = await beds.updateOne(
      { _id: 'bed-1' },
      { $set: { hospitalId, ward: 'cardiology', status: 'free', sinceUtc: '2026-01-01T08:00:00.000Z' } },
      { upsert: true },
    );
    expect(inserted.upsertedCount).to.equal(1);
    const updated = await beds.updateOne(
      { _id: 'bed-1' },
      { $set: { status: 'occupied', sinceUtc: '2026-01-01T09:00:00.000Z' } },
      { upsert: true },
    );
    expect([updated.upsertedCount, updated.matchedCount, updated.modifiedCount]).to.deep.equal([0, 1, 1]);
    await beds.updateOne(
      { _id: 'bed-2' },
      { $set: { hospitalId, ward: 'cardiology', status: 'occupied', sinceUtc: '2026-01-01T07:00:00.000Z' } },
      { upsert: true },
    );

    const indexName = await beds.createIndex({ hospitalId: 1, status: 1 }, { name: 'by_hospital_status' });
    expect(indexName).to.equal('by_hospital_status');
    expect((await beds.indexes()).map((i) => i.name)).to.include('by_hospital_status');

    const occupied = await beds.find({ hospitalId, status: 'occupied' }).sort({ sinceUtc: 1 }).toArray();
    expect(occupied.map((b) => b._id)).to.deep.equal(['bed-2', 'bed-1']);
    expect(await beds.countDocuments({ hospitalId, status: 'free' })).to.equal(0);
  });
});
