import { catalogue, type ProjectedModuleName } from '@chartline/events';
import {
  createMemoryKeyStore,
  type Document,
  MemoryEventStore,
  MemoryReadStore,
  type RecordedEvent,
} from '@chartline/infra';
import { expect } from 'chai';
import { Applier, type BatchProgress } from '../runtime/applier.js';
import { decodeStored } from '../runtime/decode.js';
import type { DefinedProjection, HandledNames, HandlersOf } from '../runtime/define-projection.js';
import type { DataOf, EventNameOf } from '../runtime/event-data.js';
import { revealWith } from '../runtime/personal-data.js';
import { liveNaming } from '../runtime/view-naming.js';
import { snapshot } from './apply-all.js';
import { HospitalHistory } from './hospital-history.js';

/** The hospital every spec's events belong to. */
export const SPEC_HOSPITAL = 'h1';
/** When every given event occurred, unless the spec says otherwise. */
export const SPEC_TIME = '2025-03-01T08:30:00.000Z';

/** One step of a spec's history: an event of the module, or the shredding of a patient's key. */
export type GivenStep =
  | {
      readonly kind: 'event';
      readonly type: string;
      readonly aggregateId: string;
      readonly data: Record<string, unknown>;
      readonly occurredAt: string;
    }
  | { readonly kind: 'erase'; readonly patientId: string };

/** Every document each view holds afterwards, in full (`_id`, `hospitalId`, `position` included). */
export type ExpectedDocuments<V extends string> = { readonly [view in V]?: readonly Document[] };

/**
 * Given-events → expected-documents specs for one module's projection, over the in-memory read
 * store. The events are sealed and encrypted as the command server writes them (HospitalHistory)
 * and applied through the real Applier, so positions are 1, 2, 3… in the order given.
 */
export function projectionSpec<M extends ProjectedModuleName, H extends HandlersOf<M, string>, View extends string>(
  projection: DefinedProjection<M, H, View>,
) {
  const views = projection.views.map((v) => v.name);

  /** `<module>.<name>` with data typed by its schema; the stream is the aggregate's id field unless given. */
  function event<N extends EventNameOf<M>>(
    name: N,
    data: DataOf<M, N>,
    options: { readonly aggregateId?: string; readonly at?: string } = {},
  ): GivenStep {
    const type = `${projection.module}.${name}`;
    const definition = catalogue.get(type);
    const fields = data as Record<string, unknown>;
    const aggregateId = options.aggregateId ?? fields[`${definition.aggregate}Id`] ?? fields['patientId'];
    if (typeof aggregateId !== 'string') throw new Error(`${type}: say which stream (aggregateId)`);
    return { kind: 'event', type, aggregateId, data: fields, occurredAt: options.at ?? SPEC_TIME };
  }

  /** The patient's key is shredded here (as erasure does), before the events are projected. */
  const erasedKey = (patientId: string): GivenStep => ({ kind: 'erase', patientId });

  async function record(steps: readonly GivenStep[]) {
    const keys = createMemoryKeyStore();
    const history = new HospitalHistory(new MemoryEventStore(), keys, SPEC_HOSPITAL);
    const recorded: RecordedEvent[] = [];
    for (const step of steps) {
      if (step.kind === 'erase') await keys.erase(SPEC_HOSPITAL, { kind: 'patient', id: step.patientId });
      else recorded.push(await history.append(step.type, step.aggregateId, step.data, { occurredAt: step.occurredAt }));
    }
    return { keys, recorded };
  }

  /** Applies `batches` in order, each as one consumer batch, into `readStore`. */
  async function project(
    readStore: MemoryReadStore,
    keys: ReturnType<typeof createMemoryKeyStore>,
    batches: readonly (readonly RecordedEvent[])[],
  ) {
    const applier = new Applier(projection, { readStore, naming: liveNaming(), reveal: revealWith(keys) });
    for (const batch of batches) {
      const progress: BatchProgress = new Map();
      for (const recorded of batch) await applier.apply(decodeStored(recorded), progress);
      await applier.commit(progress);
    }
    return snapshot(readStore, views);
  }

  function given(...steps: GivenStep[]) {
    return {
      /**
       * Each view holds exactly `documents[view]` (none when left out), whether the events come as
       * one batch, one batch each, each twice, or the whole batch again: replay changes nothing.
       */
      async expect(documents: ExpectedDocuments<View>): Promise<void> {
        const { keys, recorded } = await record(steps);
        const byId = (a: Document, b: Document) => String(a['_id']).localeCompare(String(b['_id']));
        const wanted = Object.fromEntries(views.map((v) => [v, [...(documents[v] ?? [])].sort(byId)]));
        const store = new MemoryReadStore();
        expect(await project(store, keys, [recorded]), 'the events as one batch').to.deep.equal(wanted);
        expect(await project(store, keys, [recorded]), 'the same batch again').to.deep.equal(wanted);
        const each = recorded.map((e) => [e]);
        expect(await project(new MemoryReadStore(), keys, each), 'one batch per event').to.deep.equal(wanted);
        const doubled = recorded.flatMap((e) => [e, e]);
        expect(await project(new MemoryReadStore(), keys, [doubled]), 'every event twice').to.deep.equal(wanted);
        expect(await project(store, keys, [recorded.toReversed()]), 'older events after newer ones').to.deep.equal(
          wanted,
        );
      },
    };
  }

  return { event, erasedKey, given, views };
}

/** One spec per handler of the projection: a missing one does not compile. */
export type ProjectionSpecs<H> = { readonly [N in HandledNames<H>]: () => Promise<void> };

/**
 * Runs a module's specs, one `it` per handler, and checks that the specs name exactly the
 * projection's handlers (so a handler added behind a cast still needs its spec).
 */
export function describeProjectionSpecs<
  M extends ProjectedModuleName,
  H extends HandlersOf<M, string>,
  V extends string,
>(projection: DefinedProjection<M, H, V>, specs: ProjectionSpecs<H>): void {
  describe(`${projection.module} projection specs (given events → expected documents)`, () => {
    it('has one spec for every handler, and none for an event it does not handle', () => {
      expect(Object.keys(specs).sort()).to.deep.equal([...projection.handled].sort());
    });
    for (const [name, run] of Object.entries(specs) as [string, () => Promise<void>][]) it(name, run);
  });
}
