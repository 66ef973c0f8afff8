import { WrongExpectedVersion } from '../errors.js';
import type { ExpectedRevision } from '../port.js';

/** The stream's current revision, or 'no_stream' when it has no events. */
export type CurrentRevision = number | 'no_stream';

/** Throws WrongExpectedVersion when the writer's expectation does not hold. */
export function checkExpected(streamId: string, expected: ExpectedRevision, current: CurrentRevision): void {
  const holds =
    expected === 'any' ||
    (expected === 'no_stream' && current === 'no_stream') ||
    (expected === 'stream_exists' && current !== 'no_stream') ||
    (typeof expected === 'number' && expected === current);
  if (!holds) throw new WrongExpectedVersion(streamId, expected, current);
}
