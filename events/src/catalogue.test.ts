import { expect } from 'chai';
import { buildCatalogue, catalogue } from './catalogue.js';
import { UnknownEventType, UnknownSchemaVersion } from './errors.js';
import { moduleEvents } from './modules/index.js';
import { SampleAnalysed, SampleTaken } from './testing/fixture-events.js';

describe('event catalogue', () => {
  const samples = buildCatalogue({ samples: [SampleTaken, SampleAnalysed], wards: [] });

  it('looks events up by envelope type and by module', () => {
    expect(samples.get('samples.SampleTaken')).to.equal(SampleTaken);
    expect(samples.find('samples.Nope')).to.equal(undefined);
    expect(samples.ofModule('samples')).to.deep.equal([SampleTaken, SampleAnalysed]);
    expect(samples.ofModule('wards')).to.deep.equal([]);
    expect(samples.ofModule('billing')).to.deep.equal([]);
    expect(samples.modules).to.deep.equal(['samples', 'wards']);
    expect(samples.all).to.have.length(2);
  });

  it('gives typed errors for unknown types and versions', () => {
    expect(() => samples.get('samples.Nope')).to.throw(UnknownEventType, /samples\.Nope/);
    expect(samples.schemaOf('samples.SampleTaken', 2)).to.equal(SampleTaken.versions[1]);
    for (const v of [0, 4, 1.5]) {
      expect(() => samples.schemaOf('samples.SampleTaken', v)).to.throw(UnknownSchemaVersion);
    }
  });

  it('refuses an event listed under another module or declared twice', () => {
    expect(() => buildCatalogue({ wards: [SampleTaken] })).to.throw(/listed under module wards/);
    expect(() => buildCatalogue({ samples: [SampleTaken, SampleTaken] })).to.throw(/declared twice/);
  });

  it('holds every module’s events (the real catalogue)', () => {
    expect(catalogue.modules).to.deep.equal(Object.keys(moduleEvents));
    const listed = Object.values(moduleEvents).flat();
    expect(catalogue.all).to.have.length(listed.length);
    for (const definition of catalogue.all) {
      expect(definition.type).to.equal(`${definition.module}.${definition.name}`);
      expect(definition.doc, `${definition.type} needs a doc for analytics`).to.not.equal('');
    }
  });
});
