import { readdirSync } from 'node:fs';
import { expect } from 'chai';
import { type AnyEventDefinition, buildCatalogue, catalogue } from './catalogue.js';
import { UnknownEventType, UnknownSchemaVersion } from './errors.js';
import { moduleEvents } from './modules/index.js';
import { moduleNames } from './modules/manifest.js';
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

  it('holds every module’s events (the real catalogue)', async () => {
    expect(catalogue.modules).to.deep.equal(moduleNames);
    // What the catalogue is built from: every event defined in a module's folder (one file per
    // event) and every event its index exports. An event defined but not listed, or exported but
    // not listed, is missing from the catalogue and would be refused at decode.
    for (const module of moduleNames) {
      const folder = new URL(`./modules/${module}/`, import.meta.url);
      const files = readdirSync(folder).filter((f) => f.endsWith('.ts') && f !== 'index.ts' && !f.includes('.test.'));
      const defined: AnyEventDefinition[] = [];
      for (const file of files) defined.push(...definitionsIn(await import(new URL(file, folder).href)));
      const exported = definitionsIn(await import(new URL('index.ts', folder).href));
      const catalogued = catalogue.ofModule(module);
      expect(typesOf(defined), `${module}: defined in its folder`).to.deep.equal(typesOf(catalogued));
      expect(typesOf(exported), `${module}: exported by its index`).to.deep.equal(typesOf(catalogued));
      for (const d of defined) expect(catalogue.get(d.type).current, d.type).to.deep.equal(d.current);
    }
    const listed = Object.values(moduleEvents).flat();
    expect(catalogue.all).to.have.length(listed.length);
    for (const definition of catalogue.all) {
      expect(definition.type).to.equal(`${definition.module}.${definition.name}`);
      expect(definition.doc, `${definition.type} needs a doc for analytics`).to.not.equal('');
    }
  });
});

const isDefinition = (value: unknown): value is AnyEventDefinition =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as AnyEventDefinition).type === 'string' &&
  Array.isArray((value as AnyEventDefinition).versions);

/** Event definitions among a file's exports (a list of them, like `patientsEvents`, is not one). */
const definitionsIn = (exports: Record<string, unknown>) => Object.values(exports).filter(isDefinition);
const typesOf = (definitions: readonly AnyEventDefinition[]) => definitions.map((d) => d.type).sort();
