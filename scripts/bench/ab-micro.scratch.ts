// scratch (not committed): old vs new PostgreSQL adapter vs Emmett, alternating short cells.
import { STREAM_DOES_NOT_EXIST } from '@event-driven-io/emmett';
import { v7 as uuidv7 } from 'uuid';
import { PostgresEventStore as OldStore } from '/tmp/perfio/before/infra/src/eventstore/postgres/postgres-event-store.js';
import { PostgresEventStore as NewStore } from '../../infra/src/eventstore/postgres/postgres-event-store.js';
import { createDatabase, dropDatabase } from './databases.js';
import { EmmettPortAdapter } from './peer/emmett-store.js';

const url = process.env.POSTGRES_URL!;
const secs = Number(process.env.SECS ?? 3);
const rounds = Number(process.env.ROUNDS ?? 4);
const PAYLOAD = { reading: 'x'.repeat(200), unit: 'mmHg' };
async function rate(writers: number, one: (s: string, r: number) => Promise<void>) {
  const deadline = Date.now() + secs * 1000;
  const t0 = performance.now();
  const counts = await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      const s = `vitals-bench.${uuidv7()}-${w}`;
      let r = -1;
      while (Date.now() < deadline) {
        await one(s, r);
        r++;
      }
      return r + 1;
    }),
  );
  return Math.round(counts.reduce((a, b) => a + b, 0) / ((performance.now() - t0) / 1000));
}
const dbs = ['old', 'new', 'emm'].map((k) => `chartline_perfio_${k}_${process.pid}`);
const urls = await Promise.all(dbs.map((d) => createDatabase(url, d)));

import { readFileSync } from 'node:fs';

const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
try {
  const oldS = await OldStore.open({ url: urls[0]!, schema: 'a', poolSize: 10 });
  const newS = await NewStore.open({ url: urls[1]!, schema: 'a', poolSize: 10 });
  const emm = new EmmettPortAdapter(urls[2]!);
  await emm.emmett.schema.migrate();
  const ours = (st: { append: NewStore['append'] }) => async (s: string, r: number) => {
    await st.append(
      s,
      [{ eventId: uuidv7(), type: 'bench.V', data: PAYLOAD, metadata: { hospitalId: 'b' } }],
      r === -1 ? 'no_stream' : r,
    );
  };
  const em = async (s: string, r: number) => {
    await emm.emmett.appendToStream(s, [{ type: 'bench.V', data: PAYLOAD, metadata: { hospitalId: 'b' } }], {
      expectedStreamVersion: r === -1 ? STREAM_DOES_NOT_EXIST : BigInt(r + 1),
    });
  };
  for (let i = 0; i < rounds; i++) {
    const row: Record<string, number | string> = { load: load() };
    for (const w of [1, 16]) {
      row[`old_c${w}`] = await rate(w, ours(oldS));
      row[`new_c${w}`] = await rate(w, ours(newS));
      row[`emm_c${w}`] = await rate(w, em);
    }
    row.ratio_old = (Number(row.old_c16) / Number(row.emm_c16)).toFixed(2);
    row.ratio_new = (Number(row.new_c16) / Number(row.emm_c16)).toFixed(2);
    console.log(JSON.stringify(row));
  }
  await oldS.close();
  await newS.close();
  await emm.close();
} finally {
  for (const d of dbs) await dropDatabase(url, d);
}
