import { expect } from 'chai';
import { testEnvelope } from '../testing/envelope-factory.js';
import { fixtureCatalogue, SampleTaken } from '../testing/fixture-events.js';
import { decodeFromKafka } from './avro-codec.js';
import { kafkaMessageFor } from './kafka-message.js';

describe('kafkaMessageFor', () => {
  it('routes to the module topic, keys by hospital and puts routing headers beside the Avro value', () => {
    const envelope = testEnvelope(SampleTaken, { hospitalId: 'north-1', position: 42 });
    const message = kafkaMessageFor(envelope, fixtureCatalogue);
    expect(message.topic).to.equal('chartline.samples.events.v1');
    expect(message.key).to.equal('north-1');
    expect(message.headers).to.deep.equal({
      type: 'samples.SampleTaken',
      eventId: envelope.eventId,
      position: '42',
      schemaVersion: '3',
      traceparent: envelope.traceparent,
    });
    expect(decodeFromKafka(message.value, fixtureCatalogue).envelope).to.deep.equal(envelope);
  });

  it('leaves out the traceparent header when there is none', () => {
    const envelope = { ...testEnvelope(SampleTaken), traceparent: null };
    expect(kafkaMessageFor(envelope, fixtureCatalogue).headers).to.not.have.property('traceparent');
  });
});
