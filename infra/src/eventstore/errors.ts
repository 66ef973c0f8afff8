import type { ExpectedRevision, RecordedCommand } from './port.js';

/** The stream was not at the revision the writer expected: someone else wrote first. */
export class WrongExpectedVersion extends Error {
  override readonly name = 'WrongExpectedVersion';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** The stream's current revision, or 'no_stream'. */
    readonly actual: number | 'no_stream',
  ) {
    super(`stream ${streamId}: expected ${String(expected)}, actual ${String(actual)}`);
  }
}

export class StreamNotFound extends Error {
  override readonly name = 'StreamNotFound';
  constructor(readonly streamId: string) {
    super(`stream ${streamId} not found`);
  }
}

/** The store could not be reached or failed mid-operation; the append may be retried. */
export class StoreUnavailable extends Error {
  override readonly name = 'StoreUnavailable';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The command was recorded before (by an earlier append of the same hospital and command id); nothing was written. */
export class CommandAlreadyRecorded extends Error {
  override readonly name = 'CommandAlreadyRecorded';
  constructor(
    readonly hospitalId: string,
    readonly commandId: string,
    /** The record, when the one who noticed read it (a command loading its streams): no second look-up. */
    readonly recorded?: RecordedCommand,
  ) {
    super(`command ${commandId} of hospital ${hospitalId} was already recorded`);
  }
}
