import { expect } from 'chai';
import { v7 as uuidv7 } from 'uuid';
import { CommandAlreadyRecorded, StoreUnavailable, StreamNotFound, WrongExpectedVersion } from './errors.js';
import type { EventStore, EventToAppend, Json, RecordedEvent, Subscription } from './port.js';

export interface ContractOptions {
  /** A store the factory just made holds no events (false for a shared EventStoreDB server). */
  readonly freshStoreIsEmpty?: boolean;
}

/**
 * The one suite every EventStore adapter must pass. Registers mocha `describe`s; call it inside
 * the adapter's test file. Each test names its streams with a fresh prefix, so the suite also runs
 * against a shared server that already holds events.
 */
export function eventStoreContract(
  name: string,
  factory: () => Promise<EventStore>,
  options: ContractOptions = {},
): void {
  describe(`EventStore contract: ${name}`, () => {
    let store: EventStore;
    let run: string;

    before(async () => {
      store = await factory();
    });
    after(async () => {
      await store?.close();
    });
    beforeEach(() => {
      // Stream ids look like the real ones: `<aggregate>-<hospital>.<id>`.
      run = `h${uuidv7().replaceAll('-', '')}`;
    });

    const stream = (aggregate: string, id: string | number = 1) => `${aggregate}-${run}.${id}`;

    describe('append and readStream', () => {
      it('numbers revisions from 0 and positions upwards, and round-trips data and metadata', async () => {
        const events = [ev('admissions.PatientAdmitted', { bed: 'B-12' }), ev('admissions.BedAssigned', { n: 2 })];
        const result = await store.append(stream('stay'), events, 'no_stream');
        expect(result.nextExpectedRevision).to.equal(1);
        const read = await store.readStream(stream('stay'));
        expect(read.map((e) => e.revision)).to.deep.equal([0, 1]);
        expect(read.map((e) => e.eventId)).to.deep.equal(events.map((e) => e.eventId));
        expect(read.map((e) => e.type)).to.deep.equal(['admissions.PatientAdmitted', 'admissions.BedAssigned']);
        expect(read[0]?.data).to.deep.equal({ bed: 'B-12' });
        expect(read[0]?.metadata).to.deep.equal(events[0]?.metadata);
        expect(read.every((e) => e.streamId === stream('stay'))).to.equal(true);
        expect(read[0]?.position).to.be.greaterThan(0);
        expect(read[1]?.position).to.be.greaterThan(read[0]?.position ?? Number.POSITIVE_INFINITY);
        expect(read[1]?.position).to.equal(result.position);
        expect(read[0]?.recordedAt).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
        expect(await store.headPosition()).to.be.at.least(result.position);
      });

      it('keeps the writer’s recordedAt (hashed from chain version 2) instead of its own clock', async () => {
        const given = '2024-02-29T23:59:58.123Z';
        const events = [{ ...ev('admissions.PatientAdmitted', { bed: 'B-1' }), recordedAt: given }];
        await store.append(stream('stay', 'given'), events, 'no_stream');
        const [read] = await store.readStream(stream('stay', 'given'));
        expect(read?.recordedAt).to.equal(given);
        expect(read?.metadata).to.deep.equal(events[0]?.metadata);
        const [viaAll] = await store.readAll({ after: (read?.position ?? 1) - 1, maxCount: 1 });
        expect(viaAll?.recordedAt).to.equal(given);
      });

      it('reads a missing stream as StreamNotFound', async () => {
        const err = await rejection(store.readStream(stream('bed', 'missing')));
        expect(err).to.be.instanceOf(StreamNotFound);
        expect((err as StreamNotFound).streamId).to.equal(stream('bed', 'missing'));
      });

      it('reads forwards from a revision, and backwards from the end or a revision, with maxCount', async () => {
        const s = stream('chart');
        await store.append(
          s,
          range(10).map((i) => ev('charting.VitalsRecorded', { i })),
          'no_stream',
        );
        const revs = (es: RecordedEvent[]) => es.map((e) => e.revision);
        expect(revs(await store.readStream(s, { fromRevision: 7 }))).to.deep.equal([7, 8, 9]);
        expect(revs(await store.readStream(s, { fromRevision: 2, maxCount: 3 }))).to.deep.equal([2, 3, 4]);
        expect(revs(await store.readStream(s, { direction: 'backwards', maxCount: 3 }))).to.deep.equal([9, 8, 7]);
        expect(revs(await store.readStream(s, { direction: 'backwards', fromRevision: 4, maxCount: 2 }))).to.deep.equal(
          [4, 3],
        );
        expect(revs(await store.readStream(s, { direction: 'backwards' }))).to.deep.equal(range(10).reverse());
        expect(await store.readStream(s, { fromRevision: 10 })).to.deep.equal([]);
      });
    });

    describe('expected revision', () => {
      it('no_stream: succeeds on a new stream, fails on an existing one naming the actual revision', async () => {
        await store.append(stream('bed'), [ev()], 'no_stream');
        const err = await rejection(store.append(stream('bed'), [ev()], 'no_stream'));
        expectWrongVersion(err, stream('bed'), 'no_stream', 0);
      });

      it('stream_exists: fails on a missing stream, succeeds on an existing one', async () => {
        const err = await rejection(store.append(stream('bed'), [ev()], 'stream_exists'));
        expectWrongVersion(err, stream('bed'), 'stream_exists', 'no_stream');
        await store.append(stream('bed'), [ev()], 'any');
        const ok = await store.append(stream('bed'), [ev()], 'stream_exists');
        expect(ok.nextExpectedRevision).to.equal(1);
      });

      it('any: succeeds whether or not the stream exists', async () => {
        expect((await store.append(stream('bed'), [ev()], 'any')).nextExpectedRevision).to.equal(0);
        expect((await store.append(stream('bed'), [ev(), ev()], 'any')).nextExpectedRevision).to.equal(2);
      });

      it('exact revision: succeeds when it matches, fails naming expected and actual when it does not', async () => {
        await store.append(stream('bed'), [ev(), ev()], 'no_stream');
        const ok = await store.append(stream('bed'), [ev()], 1);
        expect(ok.nextExpectedRevision).to.equal(2);
        expectWrongVersion(await rejection(store.append(stream('bed'), [ev()], 1)), stream('bed'), 1, 2);
        expectWrongVersion(await rejection(store.append(stream('bed'), [ev()], 5)), stream('bed'), 5, 2);
        expectWrongVersion(
          await rejection(store.append(stream('bed', 2), [ev()], 0)),
          stream('bed', 2),
          0,
          'no_stream',
        );
        expect(await store.readStream(stream('bed'))).to.have.length(3);
      });

      it('an empty batch checks the expectation and writes nothing', async () => {
        const head = await store.headPosition();
        await store.append(stream('bed'), [], 'no_stream');
        await store.append(stream('bed'), [], 'any');
        expectWrongVersion(await rejection(store.append(stream('bed'), [], 0)), stream('bed'), 0, 'no_stream');
        expect(await rejection(store.readStream(stream('bed')))).to.be.instanceOf(StreamNotFound);
        await store.append(stream('bed'), [ev()], 'no_stream');
        const afterOne = await store.headPosition();
        const empty = await store.append(stream('bed'), [], 0);
        expect(empty.nextExpectedRevision).to.equal(0);
        expectWrongVersion(
          await rejection(store.append(stream('bed'), [], 'no_stream')),
          stream('bed'),
          'no_stream',
          0,
        );
        expect(await store.readStream(stream('bed'))).to.have.length(1);
        expect(afterOne).to.be.greaterThan(head);
        if (options.freshStoreIsEmpty) expect(await store.headPosition()).to.equal(afterOne);
      });

      it('concurrent writers on one stream: exactly one wins each revision', async () => {
        const s = stream('bed');
        await store.append(s, [ev()], 'no_stream');
        for (let revision = 0; revision < 10; revision++) {
          const outcomes = await Promise.allSettled(range(8).map(() => store.append(s, [ev()], revision)));
          const won = outcomes.filter((o) => o.status === 'fulfilled');
          const lost = outcomes.filter((o) => o.status === 'rejected');
          expect(won, `revision ${revision}`).to.have.length(1);
          for (const o of lost) expectWrongVersion(o.reason, s, revision, revision + 1);
        }
        expect((await store.readStream(s)).map((e) => e.revision)).to.deep.equal(range(11));
      });
    });

    describe('appendToStreams', () => {
      it('writes every stream of the batch, each with its own revisions', async () => {
        await store.append(stream('bed'), [ev('beds.BedRegistered')], 'no_stream');
        const result = await store.appendToStreams([
          { streamId: stream('bed'), events: [ev('beds.BedClaimed')], expected: 0 },
          { streamId: stream('stay'), events: [ev('admissions.PatientAdmitted'), ev('x.Y')], expected: 'no_stream' },
        ]);
        expect(result.streams.map((s) => [s.streamId, s.nextExpectedRevision])).to.deep.equal([
          [stream('bed'), 1],
          [stream('stay'), 1],
        ]);
        const bed = await store.readStream(stream('bed'));
        const stay = await store.readStream(stream('stay'));
        expect(bed.map((e) => e.type)).to.deep.equal(['beds.BedRegistered', 'beds.BedClaimed']);
        expect(stay).to.have.length(2);
        expect(result.position).to.equal(Math.max(...[...bed, ...stay].map((e) => e.position)));
      });

      it('is atomic: when one stream expectation fails nothing is written to any stream', async () => {
        await store.append(stream('bed'), [ev()], 'no_stream');
        const head = await store.headPosition();
        const err = await rejection(
          store.appendToStreams([
            { streamId: stream('stay'), events: [ev('admissions.PatientAdmitted')], expected: 'no_stream' },
            { streamId: stream('bed'), events: [ev('beds.BedClaimed')], expected: 'no_stream' },
          ]),
        );
        expectWrongVersion(err, stream('bed'), 'no_stream', 0);
        expect(await rejection(store.readStream(stream('stay')))).to.be.instanceOf(StreamNotFound);
        expect(await store.readStream(stream('bed'))).to.have.length(1);
        if (options.freshStoreIsEmpty) expect(await store.headPosition()).to.equal(head);
      });

      it('two commands racing for one bed: one admission wins, the other writes nothing', async () => {
        await store.append(stream('bed'), [ev('beds.BedRegistered')], 'no_stream');
        const outcomes = await Promise.allSettled(
          [1, 2].map((stay) =>
            store.appendToStreams([
              { streamId: stream('bed'), events: [ev('beds.BedClaimed', { stay })], expected: 0 },
              { streamId: stream('stay', stay), events: [ev('admissions.PatientAdmitted')], expected: 'no_stream' },
            ]),
          ),
        );
        expect(outcomes.filter((o) => o.status === 'fulfilled')).to.have.length(1);
        const winner = outcomes[0]?.status === 'fulfilled' ? 1 : 2;
        const loser = 3 - winner;
        expect(await rejection(store.readStream(stream('stay', loser)))).to.be.instanceOf(StreamNotFound);
        expect((await store.readStream(stream('bed'))).map((e) => e.data)).to.deep.equal([{}, { stay: winner }]);
      });
    });

    describe('command records (durable idempotency)', () => {
      const command = (commandId: string, outcome: { [key: string]: Json } = { status: 201 }) => ({
        hospitalId: run,
        commandId,
        outcome,
      });

      it('records a command with its events: one record, with its outcome and the append position', async () => {
        const result = await store.appendToStreams(
          [
            { streamId: stream('bed'), events: [ev('beds.BedClaimed'), ev('beds.BedNoted')], expected: 'no_stream' },
            { streamId: stream('stay'), events: [ev('admissions.PatientAdmitted')], expected: 'no_stream' },
          ],
          { command: command('c-1', { fingerprint: 'f', events: ['a', 'b', 'c'], 'ü\u0000': null }) },
        );
        const recorded = await store.findCommand(run, 'c-1');
        expect(recorded).to.deep.include({
          hospitalId: run,
          commandId: 'c-1',
          outcome: { fingerprint: 'f', events: ['a', 'b', 'c'], 'ü\u0000': null },
          position: result.position,
        });
        expect(recorded?.recordedAt).to.match(/^\d{4}-\d\d-\d\dT/);
        expect(await store.findCommand(run, 'c-unknown')).to.equal(undefined);
      });

      it('refuses a second record of the command with CommandAlreadyRecorded, writing nothing to any stream', async () => {
        await store.appendToStreams([{ streamId: stream('bed'), events: [ev()], expected: 'no_stream' }], {
          command: command('c-2'),
        });
        const head = await store.headPosition();
        // A retry whose decision differs (another new stream, expectations that hold) is still refused.
        const err = await rejection(
          store.appendToStreams(
            [
              { streamId: stream('bed'), events: [ev()], expected: 0 },
              { streamId: stream('stay', 'retry'), events: [ev()], expected: 'no_stream' },
            ],
            { command: command('c-2', { other: true }) },
          ),
        );
        expect(err).to.be.instanceOf(CommandAlreadyRecorded);
        expect(err).to.include({ hospitalId: run, commandId: 'c-2' });
        expect(await store.readStream(stream('bed'))).to.have.length(1);
        expect(await rejection(store.readStream(stream('stay', 'retry')))).to.be.instanceOf(StreamNotFound);
        expect((await store.findCommand(run, 'c-2'))?.outcome).to.deep.equal({ status: 201 });
        if (options.freshStoreIsEmpty) expect(await store.headPosition()).to.equal(head);
      });

      it('is per hospital: the same command id in another hospital is another command', async () => {
        await store.appendToStreams([{ streamId: stream('bed', 'a'), events: [ev()], expected: 'no_stream' }], {
          command: command('c-3'),
        });
        await store.appendToStreams([{ streamId: stream('bed', 'b'), events: [ev()], expected: 'no_stream' }], {
          command: { hospitalId: `${run}-other`, commandId: 'c-3', outcome: { n: 2 } },
        });
        expect((await store.findCommand(`${run}-other`, 'c-3'))?.outcome).to.deep.equal({ n: 2 });
      });

      it('records nothing for an append that writes no event, nor for one that fails its expectation', async () => {
        await store.append(stream('bed'), [ev()], 'no_stream');
        await store.appendToStreams([{ streamId: stream('bed'), events: [], expected: 0 }], {
          command: command('c-4'),
        });
        expect(await store.findCommand(run, 'c-4')).to.equal(undefined);
        const err = await rejection(
          store.appendToStreams([{ streamId: stream('bed'), events: [ev()], expected: 'no_stream' }], {
            command: command('c-5'),
          }),
        );
        expect(err).to.be.instanceOf(WrongExpectedVersion);
        expect(await store.findCommand(run, 'c-5')).to.equal(undefined);
      });

      it('of concurrent appends of one command to fresh streams, exactly one is recorded and written', async () => {
        const outcomes = await Promise.allSettled(
          [1, 2, 3, 4].map((n) =>
            store.appendToStreams([{ streamId: stream('patient', n), events: [ev()], expected: 'no_stream' }], {
              command: command('c-6', { n }),
            }),
          ),
        );
        const won = outcomes.filter((o) => o.status === 'fulfilled');
        expect(won).to.have.length(1);
        for (const o of outcomes)
          if (o.status === 'rejected') expect(o.reason).to.be.instanceOf(CommandAlreadyRecorded);
        const written = await store.readAll({ filter: { streamPrefixes: [`patient-${run}.`] } });
        expect(written).to.have.length(1);
        const winner = (await store.findCommand(run, 'c-6'))?.outcome['n'];
        expect(written[0]?.streamId).to.equal(stream('patient', String(winner)));
      });

      it('keeps command records out of reads and subscriptions', async () => {
        await store.appendToStreams([{ streamId: stream('bed'), events: [ev('beds.Only')], expected: 'no_stream' }], {
          command: command('c-7'),
        });
        const all = await store.readAll({ after: (await store.headPosition()) - 10 });
        expect(all.filter((e) => e.type.includes('Command'))).to.have.length(0);
      });
    });

    describe('readAll', () => {
      it('reads after a position (exclusive) in strictly increasing order, with maxCount', async () => {
        const head = await store.headPosition();
        for (const i of range(6)) await store.append(stream('bed', i % 3), [ev('beds.X', { i })], 'any');
        const all = await store.readAll({ after: head, filter: { streamPrefixes: [stream('bed', '')] } });
        expect(all.map((e) => e.data)).to.deep.equal(range(6).map((i) => ({ i })));
        expectIncreasing(all.map((e) => e.position));
        const second = all[1] as RecordedEvent;
        const rest = await store.readAll({ after: second.position, maxCount: 2, filter: { streamPrefixes: [run] } });
        expect(rest).to.have.length(0); // prefix `run` matches no stream: ids start with the aggregate
        const next2 = await store.readAll({
          after: second.position,
          maxCount: 2,
          filter: { streamPrefixes: [stream('bed', '')] },
        });
        expect(next2.map((e) => e.data)).to.deep.equal([{ i: 2 }, { i: 3 }]);
      });

      it('filters by stream prefix and by event-type prefix', async () => {
        const head = await store.headPosition();
        await store.append(stream('bed'), [ev('beds.BedRegistered'), ev('admissions.Note')], 'any');
        await store.append(stream('stay'), [ev('admissions.PatientAdmitted')], 'any');
        await store.append(stream('labs'), [ev('lab.LabOrdered')], 'any');
        const types = async (filter: { streamPrefixes?: string[]; eventTypePrefixes?: string[] }) =>
          (await store.readAll({ after: head, filter })).map((e) => e.type);
        const mine = [stream('bed', ''), stream('stay', ''), stream('labs', '')];
        expect(await types({ streamPrefixes: [stream('bed', '')] })).to.deep.equal([
          'beds.BedRegistered',
          'admissions.Note',
        ]);
        expect(await types({ streamPrefixes: mine, eventTypePrefixes: ['admissions.'] })).to.deep.equal([
          'admissions.Note',
          'admissions.PatientAdmitted',
        ]);
        expect(await types({ streamPrefixes: [stream('stay', ''), stream('labs', '')] })).to.deep.equal([
          'admissions.PatientAdmitted',
          'lab.LabOrdered',
        ]);
        expect(await types({ streamPrefixes: mine, eventTypePrefixes: ['lab.', 'beds.'] })).to.deep.equal([
          'beds.BedRegistered',
          'lab.LabOrdered',
        ]);
      });

      it('keeps per-stream order and one global order across interleaved streams', async () => {
        const head = await store.headPosition();
        for (const i of range(30)) await store.append(stream('bed', i % 4), [ev('beds.X', { i })], 'any');
        const all = await store.readAll({ after: head, filter: { streamPrefixes: [stream('bed', '')] } });
        expect(all.map((e) => (e.data as { i: number }).i)).to.deep.equal(range(30));
        expectIncreasing(all.map((e) => e.position));
        expectStreamsConsecutive(all);
      });
    });

    describe('payloads', () => {
      it('round-trips any unicode ("\\u0000", emoji, right-to-left, lone surrogates) in data, metadata and keys', async () => {
        const data = {
          nul: 'a\u0000b',
          emoji: '🩺🏥👩🏽‍⚕️',
          rtl: 'مريض في السرير ٣ — חולה',
          lone: '\ud800x\udfff',
          controls: '\u0001\u001f\t\n\r"\\',
          'k\u0000ëy🧪': ['\u2028\u2029', { nested: '\u0000' }],
          numbers: [0, -1.5, 1e21, 12345678901234],
          bools: [true, false, null],
        };
        const metadata = { hospitalId: 'h1', note: '\u0000🩸' };
        await store.append(
          stream('chart'),
          [{ eventId: uuidv7(), type: 'charting.NoteWritten', data, metadata }],
          'any',
        );
        const [read] = await store.readStream(stream('chart'));
        expect(read?.data).to.deep.equal(data);
        expect(read?.metadata).to.deep.equal(metadata);
        expect(JSON.stringify(read?.data)).to.equal(JSON.stringify(data));
      });

      it('carries binary content (base64 in JSON) byte for byte', async () => {
        const bytes = Buffer.from(range(256).concat(range(256).reverse()));
        await store.append(stream('scan'), [ev('imaging.ScanAttached', { pdf: bytes.toString('base64') })], 'any');
        const [read] = await store.readStream(stream('scan'));
        expect(Buffer.from(String(read?.data['pdf']), 'base64').equals(bytes)).to.equal(true);
      });

      it('stores a 1 MB event', async () => {
        const big = `${'x'.repeat(1024 * 1024 - 64)}é🩺`;
        await store.append(stream('scan'), [ev('imaging.ScanAttached', { big })], 'no_stream');
        const [read] = await store.readStream(stream('scan'));
        expect(read?.data['big']).to.equal(big);
      });

      it('stores 10,000 small events in one append and reads them all back', async () => {
        const events = range(10_000).map((i) => ev('charting.VitalsRecorded', { i }));
        const result = await store.append(stream('chart'), events, 'no_stream');
        expect(result.nextExpectedRevision).to.equal(9_999);
        const read = await store.readStream(stream('chart'));
        expect(read).to.have.length(10_000);
        expect(read.every((e, i) => e.revision === i && (e.data as { i: number }).i === i)).to.equal(true);
        expectIncreasing(read.map((e) => e.position));
        const all = await store.readAll({
          after: (read[0]?.position ?? 1) - 1,
          filter: { streamPrefixes: [stream('chart')] },
        });
        expect(all).to.have.length(10_000);
      });
    });

    describe('subscribeToAll', () => {
      it('8 concurrent writers × 500 events with a live subscriber: each event exactly once, streams in order', async () => {
        const writers = 8;
        const perWriter = 500;
        const streamsPerWriter = 10;
        const head = await store.headPosition();
        const sub = store.subscribeToAll({ after: head, filter: { streamPrefixes: [stream('bed', '')] } });
        const received = take(sub, writers * perWriter, 45_000);
        const written = new Set<string>();
        await Promise.all(
          range(writers).map(async (w) => {
            const revisions = new Map<string, number>();
            for (const i of range(perWriter)) {
              const s = stream('bed', `${w}-${i % streamsPerWriter}`);
              const e = ev('beds.BedTouched', { w, i });
              written.add(e.eventId);
              const result = await store.append(s, [e], revisions.get(s) ?? 'no_stream');
              revisions.set(s, result.nextExpectedRevision);
            }
          }),
        );
        const seen = await received;
        expect(seen).to.have.length(writers * perWriter);
        expect(new Set(seen.map((e) => e.eventId)).size, 'no duplicates').to.equal(writers * perWriter);
        expect(
          seen.every((e) => written.has(e.eventId)),
          'only written events',
        ).to.equal(true);
        expectIncreasing(seen.map((e) => e.position));
        expectStreamsConsecutive(seen);
        // Catch-up sees the same history in the same order as live delivery did.
        const caughtUp = await store.readAll({ after: head, filter: { streamPrefixes: [stream('bed', '')] } });
        expect(caughtUp.map((e) => e.eventId)).to.deep.equal(seen.map((e) => e.eventId));
      });

      it('catches up, goes live, and resumes after a checkpoint without gaps or repeats', async () => {
        const head = await store.headPosition();
        const filter = { streamPrefixes: [stream('stay', '')] };
        await store.append(
          stream('stay'),
          range(5).map((i) => ev('admissions.X', { i })),
          'no_stream',
        );
        const first = store.subscribeToAll({ after: head, filter });
        const firstPart = take(first, 8, 10_000);
        await delay(50);
        await store.append(
          stream('stay'),
          range(5, 10).map((i) => ev('admissions.X', { i })),
          4,
        );
        const got = await firstPart;
        await first.close();
        expect(got.map((e) => (e.data as { i: number }).i)).to.deep.equal(range(8));
        const checkpoint = got[got.length - 1]?.position ?? 0;

        await store.append(stream('stay', 2), [ev('admissions.X', { i: 10 })], 'no_stream');
        const resumed = store.subscribeToAll({ after: checkpoint, filter });
        // Ask for one more than exists: after the three, nothing else (no repeat) may arrive.
        const rest = await take(resumed, 4, 1_500);
        expect(rest.map((e) => (e.data as { i: number }).i)).to.deep.equal([8, 9, 10]);
      });

      it('applies the filter to live delivery', async () => {
        const head = await store.headPosition();
        const sub = store.subscribeToAll({
          after: head,
          filter: { streamPrefixes: [stream('lab', ''), stream('bed', '')], eventTypePrefixes: ['lab.'] },
        });
        const got = take(sub, 2, 10_000);
        await store.append(stream('bed'), [ev('beds.X')], 'any');
        await store.append(stream('lab'), [ev('lab.LabOrdered'), ev('billing.Charged'), ev('lab.LabResulted')], 'any');
        expect((await got).map((e) => e.type)).to.deep.equal(['lab.LabOrdered', 'lab.LabResulted']);
      });
    });

    describe('lifecycle', () => {
      it('answers ping while open; a closed store answers false and refuses work with StoreUnavailable', async () => {
        const own = await factory();
        expect(await own.ping()).to.equal(true);
        if (options.freshStoreIsEmpty) expect(await own.headPosition()).to.equal(0);
        await own.close();
        expect(await own.ping()).to.equal(false);
        expect(await rejection(own.append(stream('bed'), [ev()], 'any'))).to.be.instanceOf(StoreUnavailable);
        expect(await rejection(own.readAll())).to.be.instanceOf(StoreUnavailable);
      });
    });
  });
}

function ev(type = 'test.Happened', data: { [key: string]: Json } = {}): EventToAppend {
  return { eventId: uuidv7(), type, data, metadata: { hospitalId: 'h1', actor: { id: 'u1', role: 'nurse' } } };
}

function range(from: number, to?: number): number[] {
  const [start, end] = to === undefined ? [0, from] : [from, to];
  return Array.from({ length: Math.max(0, end - start) }, (_, i) => start + i);
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected the promise to reject, it resolved');
}

function expectWrongVersion(err: unknown, streamId: string, expected: unknown, actual: unknown): void {
  expect(err).to.be.instanceOf(WrongExpectedVersion);
  const e = err as WrongExpectedVersion;
  expect([e.streamId, e.expected, e.actual]).to.deep.equal([streamId, expected, actual]);
}

function expectIncreasing(positions: number[]): void {
  for (let i = 1; i < positions.length; i++) {
    if (!((positions[i] as number) > (positions[i - 1] as number))) {
      expect.fail(`positions not strictly increasing at ${i}: ${positions[i - 1]} then ${positions[i]}`);
    }
  }
}

/** Within each stream the revisions seen are 0, 1, 2, … with no gap and no repeat. */
function expectStreamsConsecutive(events: RecordedEvent[]): void {
  const next = new Map<string, number>();
  for (const e of events) {
    const want = next.get(e.streamId) ?? 0;
    if (e.revision !== want) expect.fail(`stream ${e.streamId}: revision ${e.revision} where ${want} was due`);
    next.set(e.streamId, want + 1);
  }
}

/** Collects `n` events, or what arrived within `ms`; then ends the iteration. */
async function take(sub: Subscription, n: number, ms: number): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = [];
  const timer = setTimeout(() => void sub.close(), ms);
  try {
    for await (const e of sub) {
      out.push(e);
      if (out.length >= n) break;
    }
  } finally {
    clearTimeout(timer);
  }
  return out;
}

function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
