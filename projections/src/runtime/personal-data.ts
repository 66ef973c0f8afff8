import { catalogue } from '@chartline/events';
import {
  cachedKeyReader,
  decryptPersonalFields,
  erasedSubject as erasureOf,
  type KeyCacheOptions,
  type KeyStore,
  type Subject,
  subjectNamed,
} from '@chartline/infra';
import type { ProjectedEvent } from './projection.js';

/** Decrypts an event's personal fields with its subject's key; a missing key reads as erased. */
export interface RevealPersonalData {
  /** `subjectId`: whose data the handler reads (e.g. the event's `patientId`); its kind comes from the event. */
  (event: ProjectedEvent, subjectId: string): Promise<Record<string, unknown>>;
  /** Forgets whatever the reveal holds of the subject's key; the runtime calls it on an erasure event. */
  forget?(hospitalId: string, subject: Subject): void;
}

/**
 * The subject an erasure event erases, or undefined for any other event. Which events erase is
 * declared per module in the manifest (`personalData.erasureEvents`): from such an event on, no
 * key of that subject may be served from memory.
 */
export function erasedSubject(event: ProjectedEvent): Subject | undefined {
  return erasureOf(event.type, event.data);
}

/**
 * Keys are held briefly in memory (see `cachedKeyReader`): a subject's events come in runs, and
 * each lookup is otherwise a key-store query and an unwrap. `keyCache: false` reads every time.
 */
export function revealWith(
  keys: Pick<KeyStore, 'existingKey'>,
  options: { keyCache?: KeyCacheOptions | false } = {},
): RevealPersonalData {
  const reader = options.keyCache === false ? undefined : cachedKeyReader(keys, options.keyCache);
  const reveal: RevealPersonalData = (event, subjectId) => {
    const personal = catalogue.find(event.type)?.personalFields ?? [];
    const subject = subjectNamed(event.type, event.data, subjectId);
    return decryptPersonalFields(event.data, personal, reader ?? keys, event.hospitalId, subject);
  };
  if (reader) reveal.forget = (hospitalId, subject) => reader.forget(hospitalId, subject);
  return reveal;
}
