import { expect } from 'chai';
import { InvalidStreamId } from './errors.js';
import { dlqTopicFor, moduleOfType, parseStreamId, partitionKey, streamId, streamPrefix, topicFor } from './naming.js';

describe('naming', () => {
  it('names a module’s topics', () => {
    expect(topicFor('patients')).to.equal('chartline.patients.events.v1');
    expect(dlqTopicFor('admissions')).to.equal('chartline.admissions.dlq');
    expect(() => topicFor('Pat.ients')).to.throw(InvalidStreamId);
    expect(() => dlqTopicFor('')).to.throw(InvalidStreamId);
  });

  it('finds the module of an event type', () => {
    expect(moduleOfType('patients.PatientRegistered')).to.equal('patients');
    for (const bad of ['PatientRegistered', '.PatientRegistered', 'patients.', 'Patients.X']) {
      expect(() => moduleOfType(bad), bad).to.throw(InvalidStreamId);
    }
  });

  it('builds and parses stream ids, hospital ids with dashes included', () => {
    const id = '0195a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
    expect(streamId('patient', 'h1', id)).to.equal(`patient-h1.${id}`);
    expect(parseStreamId(`patient-h1.${id}`)).to.deep.equal({ aggregate: 'patient', hospitalId: 'h1', id });
    expect(parseStreamId('bed-north-campus.ward3.12')).to.deep.equal({
      aggregate: 'bed',
      hospitalId: 'north-campus',
      id: 'ward3.12',
    });
    expect(streamPrefix('bed', 'h1')).to.equal('bed-h1.');
  });

  it('refuses parts that would make a stream id ambiguous', () => {
    expect(() => streamId('pa-tient', 'h1', 'x')).to.throw(InvalidStreamId, /aggregate/);
    expect(() => streamId('pa.tient', 'h1', 'x')).to.throw(InvalidStreamId, /aggregate/);
    expect(() => streamId('patient', 'h.1', 'x')).to.throw(InvalidStreamId, /hospital/);
    expect(() => streamId('patient', '', 'x')).to.throw(InvalidStreamId, /hospital/);
    expect(() => streamId('patient', 'h1', '')).to.throw(InvalidStreamId, /id/);
    expect(() => streamId('patient', 'h1', 'a b')).to.throw(InvalidStreamId, /id/);
    for (const bad of ['patient', 'patient-h1', 'patient-.x', '-h1.x', 'patient-h1.', 'Patient-h1.x']) {
      expect(() => parseStreamId(bad), bad).to.throw(InvalidStreamId);
    }
  });

  it('keys Kafka messages by hospital', () => {
    expect(partitionKey({ hospitalId: 'h7' })).to.equal('h7');
  });
});
