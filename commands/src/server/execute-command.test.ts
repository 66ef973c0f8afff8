import { createMemoryKeyStore, HttpProblem, MemoryEventStore } from '@chartline/infra';
import { expect } from 'chai';
import { v5 as uuidv5, v7 as uuidv7 } from 'uuid';
import { admissionsModule, defineWard } from '../admissions/index.js';
import { blindIndexer } from './blind-index.js';
import { eventRegistry } from './event-registry.js';
import { type CommandDeps, type CommandRequest, executeCommand } from './execute-command.js';

const NAMESPACE = '6f1d2c3b-4a59-4e8d-9c7b-0a1b2c3d4e5f';

function deps(): CommandDeps & { eventStore: MemoryEventStore } {
  return {
    eventStore: new MemoryEventStore(),
    keyStore: createMemoryKeyStore(),
    events: eventRegistry([admissionsModule]),
    clock: () => new Date('2026-01-01T08:00:00Z'),
    newId: uuidv7,
    blindIndex: blindIndexer('secret'),
  };
}

/** A command whose id, and the ids it creates, derive from what triggered it. */
function derived(trigger: string, extra: Partial<CommandRequest> = {}): CommandRequest {
  const commandId = uuidv5(trigger, NAMESPACE);
  let n = 0;
  return {
    module: admissionsModule,
    spec: defineWard,
    body: { name: 'Cardiology 3 East', specialty: 'medical' },
    hospitalId: 'h1',
    actor: { id: 'process-manager', role: 'system' },
    correlationId: 'corr-1',
    commandId,
    traceparent: null,
    newId: () => uuidv5(`${commandId}\n${n++}`, NAMESPACE),
    ...extra,
  };
}

describe('executeCommand: once-only commands (process managers)', () => {
  it('given a once-only command that took effect, when it is sent again, then nothing is appended and it says so', async () => {
    const d = deps();
    const first = await executeCommand(derived('event-1', { onceOnly: true }), d);
    expect(first.alreadyApplied).to.equal(undefined);
    expect(first.events).to.deep.equal(['admissions.WardDefined']);
    const again = await executeCommand(derived('event-1', { onceOnly: true }), d);
    expect(again).to.deep.include({ alreadyApplied: true, streamId: first.streamId, revision: 0, events: [] });
    expect(again.position, 'the position of the first execution').to.equal(first.position);
    expect(await d.eventStore.readAll()).to.have.length(1);
  });

  it('the derived ids name the same record, so without onceOnly a repeat is refused by the rules, not duplicated', async () => {
    const d = deps();
    const first = await executeCommand(derived('event-1'), d);
    const repeat = await executeCommand(derived('event-1'), d).catch((e: unknown) => e);
    expect(repeat).to.be.instanceOf(HttpProblem);
    expect((repeat as HttpProblem).extensions.rule).to.equal('ward-already-defined');
    expect(first.id).to.equal(uuidv5(`${uuidv5('event-1', NAMESPACE)}\n0`, NAMESPACE));
    expect(await d.eventStore.readAll()).to.have.length(1);
  });

  it('another command id on the same streams is not mistaken for a repeat', async () => {
    const d = deps();
    await executeCommand(derived('event-1', { onceOnly: true }), d);
    const other = derived('event-2', { onceOnly: true });
    // Same derived ward id as event-1's command, different command id: the rule speaks.
    const refused = await executeCommand({ ...other, newId: derived('event-1').newId! }, d).catch((e: unknown) => e);
    expect((refused as HttpProblem).extensions.rule).to.equal('ward-already-defined');
  });

  it('writes the command id as every event’s causation id and the given correlation id', async () => {
    const d = deps();
    const request = derived('event-1', { onceOnly: true });
    await executeCommand(request, d);
    const [event] = await d.eventStore.readAll();
    expect(event!.metadata).to.deep.include({
      causationId: request.commandId,
      correlationId: 'corr-1',
      actor: { id: 'process-manager', role: 'system' },
    });
  });
});
