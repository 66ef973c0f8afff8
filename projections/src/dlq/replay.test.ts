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

  it('sends a process manager’s parked messages back to the topics they came from', async () => {
    const bus = new InProcessBus();
    const dlq = 'chartline.admissions.discharge-on-death.dlq';
    await bus.ensureTopics([topicFor('patients'), topicFor('lab'), dlq], 1);
    const from = (topic: string, eventId: string) =>
      deadLetter(
        { key: 'h1', value: Buffer.from(eventId), headers: { eventId }, topic, partition: 0, offset: '1' },
        'CommandRefused: x',
        1,
      );
    await bus.publish(dlq, [from(topicFor('patients'), 'p1'), from(topicFor('lab'), 'l1')]);
    const result = await replayDeadLetters(bus, 'admissions', {
      dlqTopic: dlq,
      toOriginalTopic: true,
      groupId: 'replay-pm',
      idleMs: 50,
    });
    expect(result.republished).to.equal(2);
    const patients = await collectTopic(bus, topicFor('patients'));
    const lab = await collectTopic(bus, topicFor('lab'));
    await eventually(() => patients.messages.length === 1 && lab.messages.length === 1);
    expect(patients.messages.map((m) => m.headers)).to.deep.equal([{ eventId: 'p1' }]);
    expect(lab.messages.map((m) => m.headers)).to.deep.equal([{ eventId: 'l1' }]);
    await Promise.all([patients.stop(), lab.stop()]);
    await bus.close();
  });
});
