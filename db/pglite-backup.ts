// Backup and restore of the embedded database: PGlite's own dump of its data directory (a gzip'd tar), taken and
// loaded under the directory's lock, so neither runs beside a server or a command that has the database open.
import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { secureDir } from '../security/data-dir';
import { acquireDirLock } from './data-dir-lock';
import { openLockedPGlite } from './connect';

/** A backup or restore that cannot be done; the message is the reason. */
export class BackupError extends Error {
  override name = 'BackupError';
  constructor(
    readonly code: 'no-database' | 'not-empty' | 'unreadable',
    message: string,
  ) {
    super(message);
  }
}

function hasFiles(dir: string): boolean {
  return existsSync(dir) && readdirSync(dir).length > 0;
}

/** The dump of the PGlite database in `dir` (gzip'd tar of its data directory). */
export async function dumpPGlite(dir: string): Promise<Uint8Array> {
  if (!hasFiles(dir)) throw new BackupError('no-database', `no embedded database in ${dir}`);
  const db = await openLockedPGlite(dir);
  try {
    const dump = await db.pglite.dumpDataDir('gzip');
    return new Uint8Array(await dump.arrayBuffer());
  } finally {
    await db.close();
  }
}

/**
 * Loads `dump` as the PGlite database in `dir`. Refuses a directory holding a database unless `force`, which then
 * replaces it. The dump is loaded into a sibling directory and checked first, so a bad file leaves `dir` as it was.
 */
export async function restorePGlite(
  dir: string,
  dump: Uint8Array,
  { force = false }: { force?: boolean } = {},
): Promise<{ events: number }> {
  const lock = acquireDirLock(dir);
  const staging = `${dir}.restoring`;
  const replaced = `${dir}.replaced`;
  try {
    if (hasFiles(dir) && !force) throw new BackupError('not-empty', `${dir} already holds a database`);
    rmSync(staging, { recursive: true, force: true });
    secureDir(staging);
    let events: number;
    try {
      const pglite = new PGlite(staging, { loadDataDir: new Blob([dump]) });
      try {
        await pglite.waitReady;
        events = (await pglite.query<{ n: number }>('select count(*)::int as n from events')).rows[0]!.n;
      } finally {
        if (!pglite.closed) await pglite.close().catch(() => undefined);
      }
    } catch (error) {
      rmSync(staging, { recursive: true, force: true });
      throw new BackupError(
        'unreadable',
        `not a jmeg database backup (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`,
      );
    }
    rmSync(replaced, { recursive: true, force: true });
    if (existsSync(dir)) renameSync(dir, replaced);
    renameSync(staging, dir);
    rmSync(replaced, { recursive: true, force: true });
    return { events };
  } finally {
    lock.release();
  }
}
