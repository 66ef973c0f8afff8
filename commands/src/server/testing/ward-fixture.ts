import { defineEvent, type EventData } from '@chartline/events';
import { z } from 'zod';
import type { Aggregate, CommandSpec, DomainEvent } from '../../shared/command-spec.js';
import { RuleViolation } from '../../shared/decider.js';
import type { CommandModule } from '../command-module.js';

/**
 * A toy module for the server's own tests: beds that one stay at a time may occupy, with personal
 * fields on the admission. Small on purpose; the real modules are tested through the same server.
 */

const BedOpened = defineEvent({
  module: 'wardtest',
  name: 'BedOpened',
  aggregate: 'testbed',
  doc: 'A bed was opened.',
  versions: [{ type: 'record', name: 'BedOpened', fields: [{ name: 'bedId', type: 'string' }] }],
});
const BedOccupied = defineEvent({
  module: 'wardtest',
  name: 'BedOccupied',
  aggregate: 'testbed',
  doc: 'A stay took the bed.',
  versions: [
    {
      type: 'record',
      name: 'BedOccupied',
      fields: [
        { name: 'bedId', type: 'string' },
        { name: 'stayId', type: 'string' },
      ],
    },
  ],
});
/** v1 had no `note`; v2 added it (so loading exercises an upcaster). */
const PatientAdmitted = defineEvent({
  module: 'wardtest',
  name: 'PatientAdmitted',
  aggregate: 'teststay',
  doc: 'A patient was admitted to a bed.',
  versions: [
    {
      type: 'record',
      name: 'PatientAdmitted',
      fields: [
        { name: 'stayId', type: 'string' },
        { name: 'patientId', type: 'string' },
        { name: 'bedId', type: 'string' },
        { name: 'name', type: 'string', 'chartline.personal': true },
      ],
    },
    {
      type: 'record',
      name: 'PatientAdmitted',
      fields: [
        { name: 'stayId', type: 'string' },
        { name: 'patientId', type: 'string' },
        { name: 'bedId', type: 'string' },
        { name: 'name', type: 'string', 'chartline.personal': true },
        { name: 'birthDate', type: ['null', 'string'], default: null, 'chartline.personal': true },
        { name: 'note', type: ['null', 'string'], default: null },
      ],
    },
  ],
  upcasters: [(d) => ({ ...d, birthDate: null, note: null })],
});
const StayNoteAdded = defineEvent({
  module: 'wardtest',
  name: 'StayNoteAdded',
  aggregate: 'teststay',
  doc: 'A note on the stay.',
  versions: [{ type: 'record', name: 'StayNoteAdded', fields: [{ name: 'note', type: 'string' }] }],
});
const PersonalDataErased = defineEvent({
  module: 'wardtest',
  name: 'PersonalDataErased',
  aggregate: 'teststay',
  doc: 'The patient’s data key was deleted.',
  versions: [{ type: 'record', name: 'PersonalDataErased', fields: [{ name: 'patientId', type: 'string' }] }],
});

export const wardEvents = [BedOpened, BedOccupied, PatientAdmitted, StayNoteAdded, PersonalDataErased] as const;

type WardEvent =
  | { type: 'BedOpened'; data: EventData<typeof BedOpened> }
  | { type: 'BedOccupied'; data: EventData<typeof BedOccupied> }
  | { type: 'PatientAdmitted'; data: EventData<typeof PatientAdmitted> }
  | { type: 'StayNoteAdded'; data: EventData<typeof StayNoteAdded> }
  | { type: 'PersonalDataErased'; data: EventData<typeof PersonalDataErased> };

interface BedState {
  readonly open: boolean;
  readonly stayId: string | null;
}
export const testBed: Aggregate<BedState, WardEvent> = {
  name: 'testbed',
  initialState: { open: false, stayId: null },
  evolve: (state, event) =>
    event.type === 'BedOpened'
      ? { ...state, open: true }
      : event.type === 'BedOccupied'
        ? { ...state, stayId: event.data.stayId }
        : state,
};

interface StayState {
  readonly admitted: boolean;
  readonly patientId: string | null;
  /** Decrypted name as the decider sees it (or the erased marker). */
  readonly name: string | null;
  readonly notes: number;
  readonly erased: boolean;
}
export const testStay: Aggregate<StayState, WardEvent> = {
  name: 'teststay',
  initialState: { admitted: false, patientId: null, name: null, notes: 0, erased: false },
  evolve: (state, event) => {
    switch (event.type) {
      case 'PatientAdmitted':
        return { ...state, admitted: true, patientId: event.data.patientId, name: event.data.name };
      case 'StayNoteAdded':
        return { ...state, notes: state.notes + 1 };
      case 'PersonalDataErased':
        return { ...state, erased: true };
      default:
        return state;
    }
  },
};

const bedRef = (bedId: string) => ({ aggregate: testBed as Aggregate<unknown>, id: bedId });
const stayRef = (stayId: string) => ({ aggregate: testStay as Aggregate<unknown>, id: stayId });
const ev = (event: WardEvent): DomainEvent => event;

const openBed: CommandSpec<{ bedId: string }, { bedId: string }, 'bed'> = {
  module: 'wardtest',
  name: 'open-bed',
  summary: 'Open a bed',
  roles: ['nurse', 'admin'],
  body: z.object({ bedId: z.string().min(1) }),
  toCommand: (body) => body,
  streams: (c) => ({ bed: bedRef(c.bedId) }),
  decide: (c, loaded) => {
    if ((loaded.bed.state as BedState).open) throw new RuleViolation('bed-already-open', 'The bed is already open.');
    return { bed: [ev({ type: 'BedOpened', data: { bedId: c.bedId } })] };
  },
};

const admitBody = z.object({
  stayId: z.string().min(1),
  patientId: z.string().min(1),
  bedId: z.string().min(1),
  name: z.string().min(1),
  birthDate: z.iso.date(),
  note: z.string().optional(),
});
type AdmitBody = z.infer<typeof admitBody>;

const admit: CommandSpec<AdmitBody, AdmitBody, 'stay' | 'bed'> = {
  module: 'wardtest',
  name: 'admit',
  summary: 'Admit a patient to a bed',
  roles: ['nurse', 'physician'],
  body: admitBody,
  toCommand: (body) => body,
  streams: (c) => ({ stay: stayRef(c.stayId), bed: bedRef(c.bedId) }),
  decide: (c, loaded) => {
    const bed = loaded.bed.state as BedState;
    if (!bed.open) throw new RuleViolation('bed-not-open', 'The bed is not open.');
    if (bed.stayId !== null) throw new RuleViolation('bed-occupied', 'The bed is occupied.');
    if ((loaded.stay.state as StayState).admitted) throw new RuleViolation('already-admitted', 'Already admitted.');
    return {
      stay: [
        ev({
          type: 'PatientAdmitted',
          data: {
            stayId: c.stayId,
            patientId: c.patientId,
            bedId: c.bedId,
            name: c.name,
            birthDate: c.birthDate,
            ...(c.note === undefined ? {} : { note: c.note }),
          },
        }),
      ],
      bed: [ev({ type: 'BedOccupied', data: { bedId: c.bedId, stayId: c.stayId } })],
    };
  },
};

const addNote: CommandSpec<{ stayId: string; note: string }, { stayId: string; note: string }, 'stay'> = {
  module: 'wardtest',
  name: 'add-note',
  summary: 'Add a note to a stay',
  roles: ['nurse'],
  body: z.object({ stayId: z.string().min(1), note: z.string().min(1) }),
  toCommand: (body) => body,
  streams: (c) => ({ stay: stayRef(c.stayId) }),
  decide: (c, loaded) => {
    const stay = loaded.stay.state as StayState;
    if (!stay.admitted) throw new RuleViolation('not-admitted', 'No such stay.');
    // A rule on a personal field: it only works if the server hands the decider decrypted state.
    if (c.note === stay.name) throw new RuleViolation('note-repeats-name', 'Notes must not repeat the patient’s name.');
    return { stay: [ev({ type: 'StayNoteAdded', data: { note: c.note } })] };
  },
};

const erase: CommandSpec<{ stayId: string }, { stayId: string }, 'stay'> = {
  module: 'wardtest',
  name: 'erase-personal-data',
  summary: 'Erase the personal data of the stay’s patient',
  roles: ['admin'],
  body: z.object({ stayId: z.string().min(1) }),
  toCommand: (body) => body,
  streams: (c) => ({ stay: stayRef(c.stayId) }),
  decide: (_c, loaded) => {
    const stay = loaded.stay.state as StayState;
    if (!stay.patientId) throw new RuleViolation('not-admitted', 'No such stay.');
    if (stay.erased) throw new RuleViolation('already-erased', 'Already erased.');
    return { stay: [ev({ type: 'PersonalDataErased', data: { patientId: stay.patientId } })] };
  },
};

export const wardModule: CommandModule = {
  name: 'wardtest',
  specs: [openBed, admit, addNote, erase],
  events: wardEvents,
  personalData: { subject: 'patient', erasureEvents: ['PersonalDataErased'] },
};
