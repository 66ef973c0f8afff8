import { catalogue } from '@chartline/events';
import { cachedKeyReader, decryptPersonalFields, type KeyCacheOptions, type KeyStore } from '@chartline/infra';
import type { ProjectedEvent } from './projection.js';

/** Decrypts an event's personal fields with the patient's key; a missing key reads as erased. */
export interface RevealPersonalData {
  (event: ProjectedEvent, patientId: string): Promise<Record<string, unknown>>;
  /** Forgets whatever the reveal holds of the patient's key; the runtime calls it on an erasure event. */
  forget?(hospitalId: string, patientId: string): void;
}

/** The event that crypto-shreds a patient: from it on, no key of theirs may be served from memory. */
const ERASURE = 'patients.PatientPersonalDataErased';

/** The patient an erasure event erases, or undefined for any other event. */
export function erasedPatient(event: ProjectedEvent): string | undefined {
  const patientId = event.data['patientId'];
  return event.type === ERASURE && typeof patientId === 'string' ? patientId : undefined;
}

/**
 * Keys are held briefly in memory (see `cachedKeyReader`): a patient's events come in runs, and
 * each lookup is otherwise a key-store query and an unwrap. `keyCache: false` reads every time.
 */
export function revealWith(
  keys: Pick<KeyStore, 'existingKey'>,
  options: { keyCache?: KeyCacheOptions | false } = {},
): RevealPersonalData {
  const reader = options.keyCache === false ? undefined : cachedKeyReader(keys, options.keyCache);
  const reveal: RevealPersonalData = (event, patientId) => {
    const personal = catalogue.find(event.type)?.personalFields ?? [];
    return decryptPersonalFields(event.data, personal, reader ?? keys, event.hospitalId, patientId);
  };
  if (reader) reveal.forget = (hospitalId, patientId) => reader.forget(hospitalId, patientId);
  return reveal;
}
