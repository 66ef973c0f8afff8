import type { Json } from '../eventstore/port.js';

/**
 * Shared by the writer (which key encrypts) and every reader (which key decrypts), so they agree.
 *
 * Whose key encrypts an event's personal fields: the patient the event names (`data.patientId`),
 * else the entity of the stream it is written to (a patient stream's id is the patient id).
 * Every event that carries personal fields of someone other than its stream's entity must
 * therefore name them in `patientId`.
 */
export function personalDataSubject(data: Readonly<Record<string, Json | unknown>>, streamEntityId: string): string {
  const named = data['patientId'];
  return typeof named === 'string' && named !== '' ? named : streamEntityId;
}
