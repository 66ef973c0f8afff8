import { envelopeFromRecorded, parseStreamId } from '@chartline/events';
import {
  type EventStore,
  notFound,
  type ReadStreamOptions,
  type RecordedEvent,
  StreamNotFound,
} from '@chartline/infra';

/**
 * The one way audit routes open a stream: it must parse as `<aggregate>-<hospitalId>.<id>` and
 * belong to the hospital in the path. Another hospital's stream answers exactly like a stream
 * that does not exist, so an auditor of hospital A cannot even learn that B's stream exists.
 */
export function assertStreamOfHospital(stream: string, hospitalId: string) {
  let parts: ReturnType<typeof parseStreamId> | undefined;
  try {
    parts = parseStreamId(stream);
  } catch {
    parts = undefined;
  }
  if (!parts || parts.hospitalId !== hospitalId) throw notFound('No such stream in this hospital.');
  return parts;
}

export async function readHospitalStream(
  store: EventStore,
  hospitalId: string,
  stream: string,
  options: ReadStreamOptions = {},
): Promise<RecordedEvent[]> {
  assertStreamOfHospital(stream, hospitalId);
  try {
    return await store.readStream(stream, options);
  } catch (error) {
    if (error instanceof StreamNotFound) throw notFound('No such stream in this hospital.');
    throw error;
  }
}

export const toAudited = (record: RecordedEvent) => envelopeFromRecorded(record);
