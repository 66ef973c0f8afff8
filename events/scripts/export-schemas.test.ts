import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import avsc from 'avsc';
import { expect } from 'chai';
import { catalogue } from '../src/catalogue.js';
import { exportedSchemas } from '../src/schema/export.js';
import { avroRegistryOf } from '../src/schema/registry.js';
import { fixtureCatalogue } from '../src/testing/fixture-events.js';

describe('export-schemas', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'chartline-avsc-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('writes one standalone .avsc per event version, each loading in avsc on its own', function () {
    this.timeout(30000);
    const script = new URL('./export-schemas.ts', import.meta.url).pathname;
    execFileSync(process.execPath, ['--import', 'tsx', script, dir], { env: { ...process.env, INIT_CWD: '/' } });
    const files = readdirSync(dir).sort();
    const expected = avroRegistryOf(catalogue).entries.map((e) => `${e.definition.type}.v${e.version}.avsc`);
    expect(files).to.deep.equal(expected.sort());
    for (const file of files) {
      const [module, name, v] = file.split('.');
      const type = avsc.Type.forSchema(JSON.parse(readFileSync(join(dir, file), 'utf8')), { wrapUnions: 'never' });
      const entry = avroRegistryOf(catalogue).entry(`${module}.${name}`, Number(v?.slice(1)));
      expect(JSON.stringify(type.schema()), file).to.equal(entry.canonicalForm);
    }
  });

  it('names files <module>.<Event>.v<N>.avsc and keeps docs and personal flags', () => {
    const exported = exportedSchemas(fixtureCatalogue);
    expect(exported.map((e) => e.fileName)).to.deep.equal([
      'samples.SampleTaken.v1.avsc',
      'samples.SampleTaken.v2.avsc',
      'samples.SampleTaken.v3.avsc',
      'samples.SampleAnalysed.v1.avsc',
    ]);
    const v1 = JSON.parse(exported[0]!.contents);
    const data = v1.fields.find((f: { name: string }) => f.name === 'data');
    expect(data.type.fields[1]).to.include({ name: 'patientName', 'chartline.personal': true });
  });

  it('fails with usage when no directory is given', () => {
    const script = new URL('./export-schemas.ts', import.meta.url).pathname;
    expect(() => execFileSync(process.execPath, ['--import', 'tsx', script], { stdio: 'pipe' })).to.throw(/usage/);
  });
});
