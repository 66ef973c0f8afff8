import { readFileSync } from 'node:fs';

/** Seconds since boot at which process `pid` started (Linux /proc), or undefined elsewhere. */
function startedSinceBoot(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22 (starttime, in clock ticks); the command name (field 2) may hold spaces, so count after ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[19]);
    return Number.isFinite(ticks) ? ticks / 100 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * When the user's command started, in epoch milliseconds: `npm start` runs this process through
 * npm (and a shell that execs), so the wait a person sees began when npm started, not when this
 * node did. Without npm (or without /proc), this process's own start. Linux reports start times
 * in clock ticks, 100 per second on every architecture Node runs on.
 */
export function commandStartedAt(): number {
  const own = performance.timeOrigin;
  if (!process.env['npm_lifecycle_event']) return own;
  const self = startedSinceBoot(process.pid);
  const parent = startedSinceBoot(process.ppid);
  if (self === undefined || parent === undefined || parent > self) return own;
  return own - (self - parent) * 1000;
}
