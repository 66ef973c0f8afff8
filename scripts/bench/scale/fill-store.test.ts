import { envelopeFromRecorded, verifyChain } from '@chartline/events';
import { MemoryEventStore } from '@chartline/infra';
import { expect } from 'chai';
import {
  copyHospital,
  copyOfTemplate,
  fillStore,
  makeTemplate,
  type Template,
  templateHospitalOf,
} from './fill-store.js';

describe('bench: filling an event store from a template', function () {
  this.timeout(60_000);
  let template: Template;
  before(async () => {
    template = await makeTemplate({ hospitals: 1, days: 1, seed: 'fill-test' });
  });

  it('makes the template with the command pipeline: events of several modules, one hospital', () => {
    expect(template.hospitals).to.deep.equal(['scale-t-1']);
    expect(template.events.length).to.be.greaterThan(50);
    expect(new Set(template.events.map((e) => e.type.split('.')[0])).size).to.be.greaterThan(2);
  });

  it('copies every event under the copy’s hospital, new ids, each stream a valid hash chain from genesis', async () => {
    const appends = copyOfTemplate(template.events, 7);
    // All but the platform-wide streams (the hospital's placement), which are one per platform.
    const perHospital = template.events.filter((e) => e.hospitalId === 'scale-t-1');
    expect(perHospital.length).to.be.greaterThan(template.events.length - 5);
    expect(appends.flatMap((a) => a.events)).to.have.length(perHospital.length);
    const store = new MemoryEventStore();
    await store.appendToStreams(appends);
    const stored = (await store.readAll()).map((e) => envelopeFromRecorded(e));
    for (const append of appends) {
      expect(append.streamId).to.contain('-scale-t-1-c7.');
      expect(append.expected).to.equal('no_stream');
      const verdict = verifyChain(stored.filter((e) => e.streamId === append.streamId));
      expect(verdict.ok, append.streamId).to.equal(true);
    }
    expect(stored.every((e) => e.hospitalId === 'scale-t-1-c7')).to.equal(true);
    const templateIds = new Set(template.events.map((e) => e.eventId));
    expect(stored.some((e) => templateIds.has(e.eventId))).to.equal(false);
    // The hospital's own id in the data moves with the copy; no template hospital id is left anywhere.
    expect(JSON.stringify(stored.map((e) => e.data))).not.to.contain('"scale-t-1"');
  });

  it('fills a store to at least the target, in whole copies, numbering copies on from the last fill', async () => {
    const store = new MemoryEventStore();
    const state = { nextCopy: 1 };
    const first = await fillStore(store, template, template.events.length * 3 - 10, state, 2);
    const perCopy = copyOfTemplate(template.events, 0).reduce((n, a) => n + a.events.length, 0);
    expect(first.copies).to.equal(3);
    expect(await store.headPosition()).to.equal(perCopy * 3);
    const again = await fillStore(store, template, perCopy * 3, state, 2);
    expect(again.events).to.equal(0);
    await fillStore(store, template, perCopy * 4, state, 2);
    expect(state.nextCopy).to.equal(5);
  });

  it('names a copy’s hospital and finds its template hospital again', () => {
    expect(copyHospital('scale-t-2', 31)).to.equal('scale-t-2-c31');
    expect(templateHospitalOf('scale-t-2-c31')).to.equal('scale-t-2');
    expect(templateHospitalOf('scale-t-2')).to.equal('scale-t-2');
  });
});
