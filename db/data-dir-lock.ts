// One process at a time on an embedded (PGlite) database: a lock file beside the database directory holds the owner's
// pid, the command it runs and, where the system tells it, the process's start (boot id and start tick), so a pid
// reused after a crash or a reboot is not taken for the owner. The file is made complete, then linked into place
// (link fails when the name exists, like O_EXCL); a lock whose owner is gone is taken over under a short-lived
// takeover file, so two processes finding the same stale lock cannot both take it.
import { linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** What the lock file says about its owner. */
export interface LockOwner {
  pid: number;
  /** The jmeg command the owner runs ("start", "group create", ...). */
  command: string;
  /** When the owner took the lock (ISO). */
  since: string;
  /** The owner's boot id and start tick where /proc gives them; null elsewhere. */
  startId: string | null;
}

/** The embedded database is open in another process (or already in this one). */
export class DataDirLockedError extends Error {
  override name = 'DataDirLockedError';
  constructor(
    readonly lockFile: string,
    readonly owner: LockOwner | null,
  ) {
    super(
      owner !== null && isServerCommand(owner.command)
        ? `the server is running on this data directory (pid ${owner.pid}): use the web pages, the API, or stop it first`
        : `another jmeg process${owner ? ` (pid ${owner.pid}, "jmeg ${owner.command}")` : ''} has this data directory open: wait for it to finish`,
    );
  }
}

/** `start` serves the pages and the API; `worker` runs procedures: both stay until stopped. */
export function isServerCommand(command: string): boolean {
  return command === 'start' || command === 'worker';
}

export interface DirLock {
  readonly file: string;
  /** Removes the lock file if it is still this lock's (idempotent). */
  release(): void;
}

/** The lock file of a PGlite directory: a sibling, so a dump of the database never holds it. */
export function lockFileOf(pgliteDir: string): string {
  return join(dirname(pgliteDir), `${basename(pgliteDir)}.lock`);
}

/** A takeover file older than this was left by a process that died in the middle of one (a takeover takes ms). */
const TAKEOVER_STALE_MS = 10_000;
const held = new Map<string, string>();

function readStartId(pid: number | 'self'): string | null {
  try {
    const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22 (start time in clock ticks); the command name before it may hold spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const start = fields[19];
    return start === undefined ? null : `${boot}:${start}`;
  } catch {
    return null;
  }
}

function parseOwner(text: string): LockOwner | null {
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    if (typeof value.pid !== 'number' || !Number.isInteger(value.pid) || value.pid <= 0) return null;
    return {
      pid: value.pid,
      command: String(value.command ?? ''),
      since: String(value.since ?? ''),
      startId: typeof value.startId === 'string' ? value.startId : null,
    };
  } catch {
    return null;
  }
}

function readOwner(file: string): { text: string; owner: LockOwner | null } | null {
  try {
    const text = readFileSync(file, 'utf8');
    return { text, owner: parseOwner(text) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Whether the process that wrote the lock `text` (by `owner`) still runs; this process only if it holds that very lock. */
function ownerIsAlive(owner: LockOwner, text: string): boolean {
  if (owner.pid === process.pid) return [...held.values()].includes(text);
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  if (owner.startId === null) return true;
  const now = readStartId(owner.pid);
  return now === null || now === owner.startId;
}

function tryLink(content: string, file: string): boolean {
  const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  writeFileSync(temp, content, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(temp, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkSync(temp);
  }
}

function removeIfSame(file: string, text: string): void {
  const now = readOwner(file);
  if (now !== null && now.text === text) unlinkSync(file);
}

/** Replaces the stale lock `staleText` by `content` unless another process got there first; false when it did. */
function takeOver(file: string, staleText: string, content: string): boolean {
  const takeover = `${file}.takeover`;
  try {
    writeFileSync(takeover, String(process.pid), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    try {
      if (Date.now() - statSync(takeover).mtimeMs > TAKEOVER_STALE_MS) unlinkSync(takeover);
    } catch {
      // gone meanwhile: the next attempt sees the outcome
    }
    return false;
  }
  try {
    removeIfSame(file, staleText);
    return tryLink(content, file);
  } finally {
    unlinkSync(takeover);
  }
}

/**
 * Takes the lock of the PGlite directory `pgliteDir` for this process, or throws DataDirLockedError naming the owner.
 * `command` is what the lock file says this process runs (default: the jmeg command line's first words).
 */
export function acquireDirLock(pgliteDir: string, command = currentCommand()): DirLock {
  const file = lockFileOf(pgliteDir);
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const content = JSON.stringify({
    pid: process.pid,
    command,
    since: new Date().toISOString(),
    startId: readStartId('self'),
  } satisfies LockOwner);
  for (let attempt = 0; attempt < 5; attempt++) {
    if (tryLink(content, file)) return register(file, content);
    const found = readOwner(file);
    if (found === null) continue;
    if (found.owner !== null && ownerIsAlive(found.owner, found.text)) throw new DataDirLockedError(file, found.owner);
    if (found.owner === null && Date.now() - safeMtime(file) < TAKEOVER_STALE_MS)
      throw new DataDirLockedError(file, null);
    if (takeOver(file, found.text, content)) return register(file, content);
  }
  throw new DataDirLockedError(file, readOwner(file)?.owner ?? null);
}

function safeMtime(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

function register(file: string, content: string): DirLock {
  held.set(file, content);
  let released = false;
  return {
    file,
    release() {
      if (released) return;
      released = true;
      held.delete(file);
      try {
        removeIfSame(file, content);
      } catch {
        // the directory is gone: nothing left to release
      }
    },
  };
}

/** The command line after `jmeg` (its first two words without options), e.g. "start" or "group create". */
function currentCommand(): string {
  const script = process.argv.findIndex((arg) => /(^|[\\/])main\.[cm]?[jt]s$|(^|[\\/])jmeg(\.js)?$/.test(arg));
  const words = script === -1 ? [] : process.argv.slice(script + 1);
  const command = words
    .filter((w) => !w.startsWith('-'))
    .slice(0, 2)
    .join(' ');
  return command || basename(process.argv[1] ?? 'node');
}

// A process that exits without closing its database (an uncaught error, process.exit) leaves no lock behind.
process.once('exit', () => {
  for (const [file, content] of held) {
    try {
      removeIfSame(file, content);
    } catch {
      // best effort at exit
    }
  }
});
