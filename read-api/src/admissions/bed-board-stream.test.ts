import type { AddressInfo } from 'node:net';
import { type Cache, LruCache } from '@chartline/infra';
import { expect } from 'chai';
import { v7 as uuidv7 } from 'uuid';
import { applyAll } from '../../../projections/src/testing/apply-all.js';
import { createReadApp } from '../server/app.js';
import { changeOf } from '../server/stream-route.js';
import { memoryStores, project, type SeededHospital, type Stores, seedHospital, tokens } from '../testing/hospital.js';
import { bedBoardChanges } from './streams.js';

interface Received {
  readonly event: string;
  readonly data: string;
}

/** An open `text/event-stream` read with fetch: the events so far, comments, and the end. */
async function openStream(url: string, token: string | undefined) {
  const abort = new AbortController();
  const response = await fetch(url, {
    headers: token ? { Authorization: `Bearer ${token}` } : {},
    signal: abort.signal,
  });
  const events: Received[] = [];
  const comments: string[] = [];
  let ended = false;
  if (response.ok && response.body) {
    void (async () => {
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          let cut = buffer.indexOf('\n\n');
          while (cut >= 0) {
            const record = buffer.slice(0, cut).split('\n');
            buffer = buffer.slice(cut + 2);
            for (const line of record) if (line.startsWith(':')) comments.push(line);
            const field = (name: string) =>
              record
                .find((l) => l.startsWith(`${name}:`))
                ?.slice(name.length + 1)
                .trim();
            const event = field('event');
            if (event) events.push({ event, data: field('data') ?? '' });
            cut = buffer.indexOf('\n\n');
          }
        }
      } catch {
        // aborted by the test
      }
      ended = true;
    })();
  }
  return {
    response,
    events,
    comments,
    ended: () => ended,
    close: () => abort.abort(),
  };
}

async function until(check: () => boolean, ms = 3_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('read API: the live bed board (server-sent events)', () => {
  let stores: Stores & { cache: Cache };
  let h1: SeededHospital;
  let base = '';
  let close: () => void;
  const auth = tokens();

  before(async () => {
    stores = { ...memoryStores(), cache: new LruCache() };
    h1 = await seedHospital(stores, 'h1');
    await seedHospital(stores, 'h2');
    await project(stores);
    const app = createReadApp({
      ...stores,
      auth: auth.auth,
      streamOptions: { heartbeatMs: 100, lifetimeMs: 60_000, retryMs: 500 },
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => {
      server.closeAllConnections();
      server.close();
    };
  });
  after(() => close());

  /** Appends an event to h1's board and projects only it, as the live projector would. */
  async function closeBedOfH1(): Promise<number> {
    const bedId = uuidv7();
    await h1.history.append('admissions.BedAdded', bedId, {
      bedId,
      wardId: h1.wardId,
      label: `3E-${bedId.slice(-4)}`,
      addedAt: new Date().toISOString(),
    });
    const closed = await h1.history.append('admissions.BedClosed', bedId, {
      bedId,
      reason: 'maintenance',
      closedAt: new Date().toISOString(),
    });
    const fresh = (await stores.eventStore.readAll()).filter((e) => e.position > closed.position - 2);
    await applyAll('admissions', fresh, stores);
    return closed.position;
  }

  it('streams a change of the hospital’s board to its readers, and nothing of it to another hospital', async () => {
    const nurse1 = await auth.mint('nurse', ['h1']);
    const nurse2 = await auth.mint('nurse', ['h2']);
    const mine = await openStream(`${base}/hospitals/h1/bed-board/changes`, nurse1);
    const theirs = await openStream(`${base}/hospitals/h2/bed-board/changes`, nurse2);
    try {
      expect(mine.response.status).to.equal(200);
      expect(mine.response.headers.get('content-type')).to.match(/^text\/event-stream/);
      expect(mine.response.headers.get('cache-control')).to.equal('no-store');
      await until(() => mine.events.length === 1 && theirs.events.length === 1);
      expect(mine.events[0]?.event).to.equal('ready');

      const position = await closeBedOfH1();
      await until(() => mine.events.length === 2);
      expect(mine.events[1]?.event).to.equal('changed');
      expect(JSON.parse(mine.events[1]!.data)).to.deep.equal({ position, views: ['bed_board'] });
      // h2's stream stays quiet: another hospital's change is not even announced to it.
      await new Promise((r) => setTimeout(r, 300));
      expect(theirs.events.map((e) => e.event)).to.deep.equal(['ready']);
      // Comment lines keep the connection alive between changes.
      expect(mine.comments.length).to.be.greaterThan(0);
    } finally {
      mine.close();
      theirs.close();
    }
  });

  it('refuses another hospital’s token (403), a role that may not read the board (403) and no token (401), an unknown parameter (400)', async () => {
    const otherHospital = await openStream(`${base}/hospitals/h1/bed-board/changes`, await auth.mint('nurse', ['h2']));
    expect(otherHospital.response.status).to.equal(403);
    expect(otherHospital.response.headers.get('content-type')).to.match(/problem\+json/);
    const auditor = await openStream(`${base}/hospitals/h1/bed-board/changes`, await auth.mint('auditor', ['h1']));
    expect(auditor.response.status).to.equal(403);
    expect((await auditor.response.json()) as { type: string }).to.have.property('type', '/problems/role-not-allowed');
    const anonymous = await openStream(`${base}/hospitals/h1/bed-board/changes`, undefined);
    expect(anonymous.response.status).to.equal(401);
    const unknownParameter = await openStream(
      `${base}/hospitals/h1/bed-board/changes?ward=x`,
      await auth.mint('nurse', ['h1']),
    );
    expect(unknownParameter.response.status).to.equal(400);
    expect(((await unknownParameter.response.json()) as { errors: { field: string }[] }).errors[0]?.field).to.equal(
      'query.ward',
    );
  });

  it('ends a stream after its lifetime, so the client reconnects with its current token', async () => {
    const app = createReadApp({
      ...stores,
      auth: auth.auth,
      streamOptions: { heartbeatMs: 1_000, lifetimeMs: 150, retryMs: 500 },
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hospitals/h1/bed-board/changes`;
      const stream = await openStream(url, await auth.mint('front_desk', ['h1']));
      expect(stream.response.status).to.equal(200);
      await until(() => stream.ended());
      expect(stream.events.map((e) => e.event)).to.deep.equal(['ready']);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('answers 503 with Retry-After where no announcements can be heard (no cache), so the console polls', async () => {
    const { cache: _, ...withoutCache } = stores;
    const app = createReadApp({ ...withoutCache, auth: auth.auth });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hospitals/h1/bed-board/changes`;
      const stream = await openStream(url, await auth.mint('nurse', ['h1']));
      expect(stream.response.status).to.equal(503);
      expect(stream.response.headers.get('retry-after')).to.equal('30');
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('passes on only the board’s views of its own hospital and module', () => {
    const a = { hospitalId: 'h1', module: 'admissions', position: 7 };
    expect(changeOf(bedBoardChanges, 'h1', { ...a, views: ['stays', 'bed_board'] })).to.deep.equal({
      position: 7,
      views: ['bed_board'],
    });
    expect(changeOf(bedBoardChanges, 'h1', { ...a, views: ['stays'] })).to.equal(undefined);
    expect(changeOf(bedBoardChanges, 'h2', { ...a, views: ['bed_board'] })).to.equal(undefined);
    expect(changeOf(bedBoardChanges, 'h1', { ...a, module: 'patients', views: ['bed_board'] })).to.equal(undefined);
    // An announcement from an older projector names no views: any of the board's may have changed.
    expect(changeOf(bedBoardChanges, 'h1', a)).to.deep.equal({ position: 7, views: ['bed_board', 'wards'] });
  });
});
