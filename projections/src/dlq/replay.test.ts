import { dlqTopicFor, topicFor } from '@chartline/events';
import { InProcessBus } from '@chartline/infra';
import { expect } from 'chai';
import { deadLetter } from '../runtime/dead-letter.js';
import { collectTopic, eventually } from '../testing/collect.js';
import { replayDeadLetters } from './replay.js';

describe('DLQ replay', () => {
  it('re-publishes parked messages to the module topic as they first were, once', async () => {
    const bus = new InProcessBus();
    const topic = topicFor('lab');
    await bus.ensureTopics([topic, dlqTopicFor('lab')], 2);
    const original = { key: 'h1', value: Buffer.from([0xc3, 0x01, 7]), headers: { type: 'lab.X', eventId: 'e1' } };
    const parked = deadLetter({ ...original, topic, partition: 1, offset: '41' }, 'UnknownSchemaFingerprint: x', 1);
    await bus.publish(dlqTopicFor('lab'), [parked]);

    const first = await replayDeadLetters(bus, 'lab', { idleMs: 50 });
    expect(first.republished).to.equal(1);
    const seen = await collectTopic(bus, topic);
    await eventually(() => seen.messages.length === 1);
    expect(seen.messages[0]).to.include({ key: 'h1' });
    expect(seen.messages[0]!.headers).to.deep.equal(original.headers);
    expect(seen.messages[0]!.value.equals(original.value)).to.equal(true);
    expect((await replayDeadLetters(bus, 'lab', { idleMs: 50 })).republished, 'already replayed').to.equal(0);
    await seen.stop();
    await bus.close();
  });
});
