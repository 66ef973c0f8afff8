import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';

/** What a SQLite database leaves beside its file in WAL mode. */
const SQLITE_COMPANIONS = ['', '-wal', '-shm', '-journal'];

/**
 * A SQLite file holding events or keys is for its owner only (0600). SQLite creates a new
 * database with 0644 less the umask, and its -wal and -shm files with the database file's own
 * mode: so the file is created (or tightened, if an earlier version left it readable) before
 * SQLite opens it, and whatever companions exist already are tightened too.
 */
export function ensurePrivateSqliteFile(path: string): void {
  if (path === '' || path === ':memory:' || path.startsWith('file:')) return;
  if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
  for (const suffix of SQLITE_COMPANIONS) {
    if (existsSync(path + suffix)) chmodSync(path + suffix, 0o600);
  }
}

/** A folder for private files: 0700 (tightened if it exists). */
export function ensurePrivateFolder(path: string): void {
  mkdirSync(path, { recursive: true, mode: 0o700 });
  chmodSync(path, 0o700);
}
