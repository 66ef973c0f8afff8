import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AnchorStore } from './anchor-store.js';
import type { SignedAnchor } from './checkpoint.js';

/**
 * The embedded anchor store: one JSON line per anchor, only ever appended (O_APPEND) and synced.
 * It guards against a stream cut short inside events.db; someone who can rewrite every file of the
 * machine can rewrite this one too, which is why production keeps anchors elsewhere.
 */
export function fileAnchorStore(path: string): AnchorStore {
  const read = (): SignedAnchor[] =>
    existsSync(path)
      ? readFileSync(path, 'utf8')
          .split('\n')
          .filter((line) => line.trim() !== '')
          .map((line) => JSON.parse(line) as SignedAnchor)
      : [];
  const latest = (hospitalId: string) =>
    read()
      .filter((a) => a.checkpoint.hospitalId === hospitalId)
      .reduce<SignedAnchor | undefined>(
        (best, a) => (!best || a.checkpoint.position > best.checkpoint.position ? a : best),
        undefined,
      );
  return {
    async append(anchor) {
      const kept = read().some(
        (a) =>
          a.checkpoint.hospitalId === anchor.checkpoint.hospitalId &&
          a.checkpoint.position === anchor.checkpoint.position,
      );
      if (kept) return false;
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      const fd = openSync(path, 'a', 0o600);
      try {
        writeSync(fd, `${JSON.stringify(anchor)}\n`);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      return true;
    },
    latest: async (hospitalId) => latest(hospitalId),
    all: async () => read(),
    close: async () => undefined,
  };
}
