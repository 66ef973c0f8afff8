import { expect } from 'chai';
import { everyEventVersion } from '../testing/every-event.js';
import { evolutionProblems, whyUnreadable } from './compatibility.js';
import { defineEvent } from './define-event.js';

describe('schema evolution', () => {
  it('every older writer schema of every event is readable by its current reader schema', () => {
    const checked = new Set<string>();
    for (const { definition } of everyEventVersion()) {
      if (checked.has(definition.type)) continue;
      checked.add(definition.type);
      expect(evolutionProblems(definition), definition.type).to.deep.equal([]);
    }
    expect(checked.has('samples.SampleTaken'), 'the fixtures include a three-version event').to.equal(true);
  });

  it('fails when a version adds a field without a default', () => {
    const Broken = defineEvent({
      module: 'samples',
      name: 'SampleLabelled',
      aggregate: 'sample',
      doc: 'A sample was labelled.',
      versions: [
        { type: 'record', name: 'SampleLabelled', fields: [{ name: 'sampleId', type: 'string' }] },
        {
          type: 'record',
          name: 'SampleLabelled',
          fields: [
            { name: 'sampleId', type: 'string' },
            { name: 'label', type: 'string' },
          ],
        },
      ],
      upcasters: [(d) => ({ ...d, label: '' })],
    });
    const problems = evolutionProblems(Broken);
    expect(problems).to.have.length(1);
    expect(problems[0]).to.match(/samples\.SampleLabelled: v2 cannot read v1: .*label/);
  });

  it('fails when a field changes to a type it cannot be promoted to, and allows promotions', () => {
    const record = (type: 'int' | 'long' | 'string') => ({
      type: 'record' as const,
      name: 'R',
      fields: [{ name: 'n', type }],
    });
    expect(whyUnreadable(record('long'), record('int'))).to.equal(null);
    expect(whyUnreadable(record('int'), record('long'))).to.be.a('string');
    expect(whyUnreadable(record('string'), record('int'))).to.be.a('string');
  });
});
