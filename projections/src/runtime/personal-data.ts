import { catalogue } from '@chartline/events';
import { decryptPersonalFields, type KeyStore } from '@chartline/infra';
import type { ProjectedEvent } from './projection.js';

/** Decrypts an event's personal fields with the patient's key; a missing key reads as erased. */
export type RevealPersonalData = (event: ProjectedEvent, patientId: string) => Promise<Record<string, unknown>>;

export function revealWith(keys: Pick<KeyStore, 'existingKey'>): RevealPersonalData {
  return (event, patientId) => {
    const personal = catalogue.find(event.type)?.personalFields ?? [];
    return decryptPersonalFields(event.data, personal, keys, event.hospitalId, patientId);
  };
}
