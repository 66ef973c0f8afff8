import type { ReadStore } from '@chartline/infra';
import { HOSPITALS, readModelDocId } from '@chartline/kernel';

export { HOSPITALS };

/** The hospital's own document, or null when it is not registered (or not yet projected). */
export const hospitalOf = (store: ReadStore, hospitalId: string) =>
  store.collection(HOSPITALS).findOne({ _id: readModelDocId(hospitalId, hospitalId) });
