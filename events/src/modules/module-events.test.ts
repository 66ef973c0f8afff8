import avro from 'avsc';
import { expect } from 'chai';
import type { AvroField, AvroRecordSchema, AvroSchema } from '../schema/avro-types.js';
import { moduleEvents } from './index.js';
import { personalDataSubjects } from './manifest.js';

/** Record names nested anywhere in a schema: they must be unique so each schema stands alone. */
function namedTypes(schema: AvroSchema, into: string[] = []): string[] {
  if (typeof schema === 'string') return into;
  if (Array.isArray(schema)) {
    for (const s of schema as readonly AvroSchema[]) namedTypes(s, into);
    return into;
  }
  const s = schema as Exclude<AvroSchema, string | readonly AvroSchema[]>;
  if (s.type === 'record') {
    into.push(s.name);
    for (const f of s.fields) namedTypes(f.type, into);
  } else if (s.type === 'enum') into.push(s.name);
  else if (s.type === 'array') namedTypes(s.items, into);
  else if (s.type === 'map') namedTypes(s.values, into);
  return into;
}

const isStringish = (f: AvroField) =>
  f.type === 'string' ||
  (Array.isArray(f.type) && f.type.length === 2 && f.type[0] === 'null' && f.type[1] === 'string');

for (const [module, events] of Object.entries(moduleEvents)) {
  describe(`${module} event catalogue`, () => {
    it('has unique past-tense names', () => {
      const names = events.map((d) => d.name);
      expect(new Set(names).size).to.equal(names.length);
    });

    for (const def of events) {
      describe(def.type, () => {
        const schema = def.current as AvroRecordSchema;

        it(`loads in avsc on its own, with unique nested names in chartline.${module}`, () => {
          expect(() => avro.Type.forSchema(schema as avro.Schema)).not.to.throw();
          const names = namedTypes(schema);
          expect(new Set(names).size, names.join(',')).to.equal(names.length);
          expect(schema.namespace).to.equal(`chartline.${module}`);
        });

        it('documents every field', () => {
          for (const f of schema.fields) expect(f.doc, f.name).to.be.a('string').and.not.equal('');
          expect(def.doc).to.not.equal('');
        });

        it('declares personal fields as strings and names its subject (patientId, staffId) when it has any', () => {
          for (const f of schema.fields.filter((x) => x['chartline.personal'])) {
            expect(isStringish(f), f.name).to.equal(true);
          }
          if (def.personalFields.length > 0) {
            const names = schema.fields.map((f) => f.name);
            expect(
              personalDataSubjects.some((kind) => names.includes(`${kind}Id`)),
              names.join(','),
            ).to.equal(true);
          }
        });
      });
    }
  });
}
