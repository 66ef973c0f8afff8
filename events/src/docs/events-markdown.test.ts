import { expect } from 'chai';
import { kafkaMessageFor } from '../codec/kafka-message.js';
import { testEnvelope } from '../testing/envelope-factory.js';
import { fixtureCatalogue, SampleTaken } from '../testing/fixture-events.js';
import { eventsMarkdown } from './events-markdown.js';

describe('events markdown', () => {
  const md = eventsMarkdown(fixtureCatalogue);

  it('lists module, topic, event, every version and its fields', () => {
    expect(md).to.contain('## samples');
    expect(md).to.contain('Topic `chartline.samples.events.v1`. 2 event types.');
    expect(md).to.contain('### samples.SampleTaken');
    expect(md).to.contain('A sample was taken from a patient.');
    expect(md).to.contain('Stream `sample-<hospitalId>.<id>`. Current version: 3.');
    expect(md.indexOf('#### v3 (current)')).to.be.lessThan(md.indexOf('#### v1'));
  });

  it('gives each field its type, personal flag, default and meaning, nested records flattened', () => {
    expect(md).to.contain('| `patientName` | string | yes |  | Ciphertext. |');
    expect(md).to.contain('| `kind` | enum(blood \\| urine) |  | "blood" |  |');
    expect(md).to.contain('| `takenBy` | string? |  | null | Staff id, when known. |');
    expect(md).to.contain('| `readings` | map<long?> |  |  |  |');
    expect(md).to.contain('| `analyser.status` | enum(ok \\| degraded) |  |  |  |');
    expect(md).to.contain('| `flags` | array<string> |  |  |  |');
  });

  it('documents every Kafka header the relay writes, the dead-letter headers and the ciphertext format', () => {
    const headers = Object.keys(kafkaMessageFor(testEnvelope(SampleTaken), fixtureCatalogue).headers);
    expect(headers).to.include('traceparent');
    for (const header of headers) expect(md).to.contain(`| \`${header}\` |`);
    for (const header of ['reason', 'original-topic', 'original-partition', 'original-offset', 'attempts', 'parked-at'])
      expect(md).to.contain(`\`dlq-${header}\``);
    expect(md).to.contain('`enc:v1:<base64>`');
    expect(md).to.contain('AES-256-GCM');
  });
});
