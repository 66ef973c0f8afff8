import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemoryIdempotencyStore, MasterKey, openSqliteKeyStore, SqliteEventStore } from '@chartline/infra';
import { expect } from 'chai';
import { Redis } from 'ioredis';
import request from 'supertest';
import { admissionsModule } from '../admissions/index.js';
import { patientsModule } from '../patients/index.js';
import { describeOverPostgres } from './testing/describe-over-postgres.js';
import { commandHarness, type Harness } from './testing/harness.js';

const modules = [patientsModule, admissionsModule];
const registration = (n: number) => ({
  givenName: `Retry${n}`,
  familyName: 'Testperson',
  birthDate: '1980-02-03',
  sex: 'female',
});

async function register(h: Harness, hospitalId: string, key: string, n: number) {
  return request(h.app)
    .post(`/hospitals/${hospitalId}/patients/register-patient`)
    .set('Authorization', `Bearer ${await h.token({ role: 'front_desk', sub: 'desk-1', hospitals: [hospitalId] })}`)
    .set('Idempotency-Key', key)
    .send(registration(n));
}

const registered = async (h: Harness) =>
  (await h.eventStore.readAll()).filter((e) => e.type === 'patients.PatientRegistered').length;

/**
 * Issue 21 item 4: a command retried with the same Idempotency-Key after the idempotency cache
 * lost it — a restart of the embedded system, Redis losing its data — answers its first result
 * and appends nothing, because the event store keeps the durable record of the command.
 */
describe('durable idempotency over HTTP', () => {
  describe('embedded: a command API over SQLite, restarted between the command and its retry', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chartline-durable-idem-'));
    const masterKey = MasterKey.generate();
    after(() => rmSync(dir, { recursive: true, force: true }));

    const start = async () =>
      commandHarness({
        modules,
        eventStore: new SqliteEventStore({ path: join(dir, 'events.db') }),
        keyStore: openSqliteKeyStore(join(dir, 'keys.db'), masterKey),
        // The embedded idempotency cache: in memory, gone with the process.
        idempotency: createMemoryIdempotencyStore(),
      });
    const stop = async (h: Harness) => {
      await h.eventStore.close();
      await h.keyStore.close();
      await h.idempotency.close();
    };

    it('20 registrations retried after a restart: the same 20 answers, 20 patients, not 40', async () => {
      const before = await start();
      const first = [];
      for (let n = 0; n < 20; n++) first.push(await register(before, 'h1', `reg-${n}`, n));
      expect(first.map((r) => r.status)).to.deep.equal(Array(20).fill(201));
      await stop(before);

      const after = await start();
      try {
        for (let n = 0; n < 20; n++) {
          const retry = await register(after, 'h1', `reg-${n}`, n);
          expect(retry.status, `retry ${n}`).to.equal(201);
          expect(retry.body, `retry ${n}`).to.deep.equal(first[n]?.body);
          expect(retry.headers['etag']).to.equal(first[n]?.headers['etag']);
          expect(retry.headers['x-consistency-token']).to.equal(first[n]?.headers['x-consistency-token']);
          expect(retry.headers['idempotent-replayed']).to.equal('true');
        }
        expect(await registered(after)).to.equal(20);
      } finally {
        await stop(after);
      }
    });
  });

  describeOverPostgres(
    'production: PostgreSQL and Redis, Redis losing its data between the command and its retry',
    { name: 'durable', modules },
    (suite) => {
      let redis: Redis | undefined;
      after(() => redis?.disconnect());

      /** Redis loses every idempotency key of this run (only ours: the server is shared with other suites). */
      async function loseRedisData(): Promise<number> {
        redis ??= new Redis(suite.redisUrl());
        let lost = 0;
        for await (const keys of redis.scanStream({ match: `${suite.redisPrefix}*`, count: 1000 })) {
          if ((keys as string[]).length > 0) lost += await redis.del(...(keys as string[]));
        }
        return lost;
      }

      it('answers the first result and the store holds one copy', async () => {
        const h = await suite.start();
        const hospital = `hdur${suite.run}`;
        const first = [];
        for (let n = 0; n < 10; n++) first.push(await register(h, hospital, `reg-${n}`, n));
        expect(first.map((r) => r.status)).to.deep.equal(Array(10).fill(201));

        expect(await loseRedisData()).to.equal(10);
        for (let n = 0; n < 10; n++) {
          const retry = await register(h, hospital, `reg-${n}`, n);
          expect(retry.status, `retry ${n}`).to.equal(201);
          expect(retry.body).to.deep.equal(first[n]?.body);
          expect(retry.headers['x-consistency-token']).to.equal(first[n]?.headers['x-consistency-token']);
        }
        const patients = (await h.eventStore.readAll()).filter(
          (e) => e.type === 'patients.PatientRegistered' && e.streamId.includes(hospital),
        );
        expect(patients).to.have.length(10);
        // Redis is the fast path again: the answers are back in it.
        expect(await loseRedisData()).to.equal(10);
      });

      it('looks for the record with the streams it loads: no look-up of its own, first time or retried', async () => {
        const h = await suite.start();
        const hospital = `hdurone${suite.run}`;
        // The store's own findCommand is counted (the API's wrapper calls through to it).
        let lookups = 0;
        const findCommand = h.eventStore.findCommand.bind(h.eventStore);
        h.eventStore.findCommand = (hospitalId, commandId) => {
          lookups++;
          return findCommand(hospitalId, commandId);
        };
        const first = await register(h, hospital, 'reg-one', 1);
        expect(first.status).to.equal(201);
        await loseRedisData();
        const retry = await register(h, hospital, 'reg-one', 1);
        expect(retry.status).to.equal(201);
        expect(retry.body).to.deep.equal(first.body);
        expect(retry.headers['etag']).to.equal(first.headers['etag']);
        expect(retry.headers['idempotent-replayed']).to.equal('true');
        expect(lookups).to.equal(0);
      });

      it('after Redis lost the key, the same key with another body is 422 and writes nothing', async () => {
        const h = await suite.start();
        const hospital = `hdurbody${suite.run}`;
        expect((await register(h, hospital, 'reg-body', 1)).status).to.equal(201);
        await loseRedisData();
        const other = await register(h, hospital, 'reg-body', 2);
        expect(other.status).to.equal(422);
        expect(other.headers['content-type']).to.match(/^application\/problem\+json/);
        expect(other.body.type).to.equal('/problems/idempotency-key-reused');
        const patients = (await h.eventStore.readAll()).filter(
          (e) => e.type === 'patients.PatientRegistered' && e.streamId.includes(hospital),
        );
        expect(patients).to.have.length(1);
      });
    },
  );
});
