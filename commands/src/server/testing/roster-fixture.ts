import { defineEvent, type EventData } from '@chartline/events';
import { z } from 'zod';
import type { Aggregate } from '../../shared/command-spec.js';
import { RuleViolation } from '../../shared/decider.js';
import { defineCommand } from '../../shared/define-command.js';
import type { CommandModule } from '../command-module.js';

/**
 * A toy module for the settings pipeline's own tests: a person's shifts, with one rule that reads
 * the hospital's settings (minimum rest between shifts). The real modules use the same machinery.
 */

const ShiftAssigned = defineEvent({
  module: 'rostertest',
  name: 'ShiftAssigned',
  aggregate: 'testperson',
  doc: 'A shift was assigned to a person.',
  versions: [
    {
      type: 'record',
      name: 'ShiftAssigned',
      fields: [
        { name: 'personId', type: 'string' },
        { name: 'start', type: 'string' },
        { name: 'end', type: 'string' },
        { name: 'settingsVersion', type: 'int' },
      ],
    },
  ],
});

type RosterEvent = { type: 'ShiftAssigned'; data: EventData<typeof ShiftAssigned> };

interface PersonState {
  /** End of the latest shift, ISO-8601 UTC. */
  readonly lastEnd: string | null;
}
export const testPerson: Aggregate<PersonState, RosterEvent> = {
  name: 'testperson',
  initialState: { lastEnd: null },
  evolve: (_state, event) => ({ lastEnd: event.data.end }),
};

const HOUR = 3_600_000;

export const assignShift = defineCommand({
  module: 'rostertest',
  name: 'assign-shift',
  summary: 'Assign a shift (toy)',
  roles: ['admin'],
  body: z.strictObject({ personId: z.string().min(1), start: z.iso.datetime(), end: z.iso.datetime() }),
  toCommand: (body) => body,
  streams: (c) => ({ person: { aggregate: testPerson, id: c.personId } }),
  // The rest rule is about the shift's start: the settings in force then apply, even for a past shift.
  settingsAt: (c) => c.start,
  decide: (c, loaded, settings) => {
    const last = loaded.person.state.lastEnd;
    if (last !== null && Date.parse(c.start) - Date.parse(last) < settings.minimumRestHours * HOUR)
      throw new RuleViolation('rest-too-short', `Less than ${settings.minimumRestHours} h rest since the last shift.`);
    return {
      person: [
        {
          type: 'ShiftAssigned',
          data: { personId: c.personId, start: c.start, end: c.end, settingsVersion: settings.settingsVersion },
        },
      ],
    };
  },
});

export const rosterEvents = [ShiftAssigned] as const;
export const rosterModule: CommandModule = { name: 'rostertest', specs: [assignShift], events: rosterEvents };
