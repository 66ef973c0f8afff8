import type { StreamAppend } from '../port.js';

/**
 * One stream may appear once per multi-stream append: two parts for one stream would need an
 * order between their expectations that the caller cannot state.
 */
export function assertDistinctStreams(appends: readonly StreamAppend[]): void {
  const seen = new Set<string>();
  for (const a of appends) {
    if (seen.has(a.streamId)) throw new TypeError(`appendToStreams: stream ${a.streamId} appears twice`);
    seen.add(a.streamId);
  }
}
