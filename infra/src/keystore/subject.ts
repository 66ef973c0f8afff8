import {
  type ModuleDeclaration,
  moduleManifest,
  moduleNames,
  type PersonalDataSubject,
  personalDataSubjects,
} from '@chartline/events';
import type { Json } from '../eventstore/port.js';

/** Whose personal data a key protects: a patient, a staff member, … (the manifest's subjects). */
export interface Subject {
  readonly kind: PersonalDataSubject;
  readonly id: string;
}

/** The personal data a module declares in the manifest; test modules outside it may declare their own. */
export function declaredPersonalData(module: string): ModuleDeclaration['personalData'] {
  return (moduleManifest as Readonly<Record<string, ModuleDeclaration>>)[module]?.personalData;
}

/**
 * Shared by the writer (which key encrypts) and every reader (which key decrypts), so they agree.
 *
 * Whose key encrypts an event's personal fields: the subject the event names (`data.patientId`,
 * `data.staffId`: the first of the manifest's subjects it names), else the entity of the stream it
 * is written to, as the subject its module declares (a patient stream's id is the patient id).
 * Every event that carries personal fields of someone other than its stream's entity must
 * therefore name them.
 */
export function personalDataSubject(
  data: Readonly<Record<string, Json | unknown>>,
  streamEntityId: string,
  moduleSubject: PersonalDataSubject | undefined,
): Subject {
  for (const kind of personalDataSubjects) {
    const named = data[`${kind}Id`];
    if (typeof named === 'string' && named !== '') return { kind, id: named };
  }
  if (moduleSubject === undefined) {
    throw new Error(
      `an event with personal fields names no subject (${personalDataSubjects.map((k) => `${k}Id`).join(', ')}) and its module declares none`,
    );
  }
  return { kind: moduleSubject, id: streamEntityId };
}

/** The subject a reader knows only by id (e.g. a projection handler's `patientId`): the kind whose `<kind>Id` field holds it. */
export function subjectNamed(type: string, data: Readonly<Record<string, unknown>>, id: string): Subject {
  const kind = personalDataSubjects.find((k) => data[`${k}Id`] === id);
  if (kind) return { kind, id };
  return personalDataSubject({}, id, declaredPersonalData(type.slice(0, type.indexOf('.')))?.subject);
}

/** Every erasure event in the manifest (full type) and the subject kind it erases. */
export const erasureEvents: ReadonlyMap<string, PersonalDataSubject> = new Map(
  moduleNames.flatMap((module) => {
    const personal = declaredPersonalData(module);
    return personal ? personal.erasureEvents.map((name) => [`${module}.${name}`, personal.subject] as const) : [];
  }),
);

/** The subject an erasure event erases, or undefined for any other event. */
export function erasedSubject(type: string, data: Readonly<Record<string, unknown>>): Subject | undefined {
  const kind = erasureEvents.get(type);
  const id = kind && data[`${kind}Id`];
  return kind && typeof id === 'string' && id !== '' ? { kind, id } : undefined;
}

/** Map and cache keys: one string per (hospital, subject). */
export const subjectKey = (hospitalId: string, subject: Subject): string =>
  `${hospitalId}\u0000${subject.kind}\u0000${subject.id}`;

/**
 * How a wrapped key is bound to its row (AES-GCM associated data), so a wrapped key copied to
 * another row fails to unwrap. Format 1 is the binding of keys made when the store was keyed by
 * patient (hospital, patient id): migrated rows keep it and still unwrap. Format 2, for every key
 * made since, binds the subject's kind too.
 */
export type WrapFormat = 1 | 2;
export const CURRENT_WRAP_FORMAT: WrapFormat = 2;
export const keyBinding = (hospitalId: string, subject: Subject, format: WrapFormat): string =>
  format === 1 ? `${hospitalId}\u0000${subject.id}` : `${hospitalId}\u0000${subject.kind}\u0000${subject.id}`;
