// One process per embedded database, and its backup: a second process is refused while `jmeg start` runs on the
// data directory (one line, exit 2, nothing written), a lock left by a killed server is taken over, and a backup
// restored into a fresh directory holds every event and projection row of the original.
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb, pgliteDirOf } from '../db/connect';
import { DataDirLockedError, lockFileOf } from '../db/data-dir-lock';
import type { Database } from '../db/database';
import { BackupError, dumpPGlite, restorePGlite } from '../db/pglite-backup';
import { countRows, dumpProjections, dumpTable } from './support/db-dump';
import { recordSampleHistory } from './support/db-sample-history';
import { NO_TEMPORAL, startJmeg, stopJmeg, type Started } from './support/start-process';

const execFileAsync = promisify(execFile);
const root = mkdtempSync(path.join(tmpdir(), 'jmeg-lock-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const config = (dataDir: string) => ({ databaseUrl: null, dataDir });

async function jmeg(dataDir: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const env = { ...process.env, DATABASE_URL: '', JMEG_DATA_DIR: dataDir };
    const { stdout, stderr } = await execFileAsync('node_modules/.bin/tsx', ['cli/main.ts', ...args], { env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

async function withDb<T>(dataDir: string, fn: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  const db = await openDb(config(dataDir));
  try {
    return await fn(db);
  } finally {
    await db.destroy();
  }
}

async function snapshot(db: Kysely<Database>) {
  return { events: await dumpTable(db, 'events'), projections: await dumpProjections(db) };
}

describe('backup and restore of the embedded database', () => {
  const source = path.join(root, 'source');
  let dump: Uint8Array;
  let original: Awaited<ReturnType<typeof snapshot>>;

  it('restores a backup into a fresh directory with every event and projection row equal', async () => {
    original = await withDb(source, async (db) => {
      await recordSampleHistory(db, '-a');
      await recordSampleHistory(db, '-b');
      return snapshot(db);
    });
    expect(original.events.length).toBeGreaterThan(40);
    dump = await dumpPGlite(pgliteDirOf(config(source)));
    const fresh = path.join(root, 'fresh');
    const { events } = await restorePGlite(pgliteDirOf(config(fresh)), dump);
    expect(events).toBe(original.events.length);
    expect(await withDb(fresh, snapshot)).toEqual(original);
    expect(existsSync(lockFileOf(pgliteDirOf(config(fresh))))).toBe(false);
  });

  it('refuses to restore over a database unless forced, and a file that is no backup changes nothing', async () => {
    const target = path.join(root, 'target');
    await withDb(target, (db) => recordSampleHistory(db, '-other'));
    const before = await withDb(target, snapshot);
    await expect(restorePGlite(pgliteDirOf(config(target)), dump)).rejects.toMatchObject({ code: 'not-empty' });
    await expect(
      restorePGlite(pgliteDirOf(config(target)), new TextEncoder().encode('not a tar'), { force: true }),
    ).rejects.toBeInstanceOf(BackupError);
    expect(await withDb(target, snapshot)).toEqual(before);
    await restorePGlite(pgliteDirOf(config(target)), dump, { force: true });
    expect(await withDb(target, snapshot)).toEqual(original);
  });

  it('jmeg backup and jmeg restore do the same from the command line', async () => {
    const file = path.join(root, 'cli-backup.tar.gz');
    expect(await jmeg(source, 'backup', file, '--lang', 'en')).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^backed up to .*cli-backup\.tar\.gz \(\d+\.\d MB\)\n$/) as string,
    });
    expect(await jmeg(source, 'backup', file, '--lang', 'en')).toMatchObject({
      code: 2,
      stderr: `backup: ${file} already exists: give another name or --force\n`,
    });
    const restored = path.join(root, 'cli-restored');
    expect(await jmeg(restored, 'restore', file, '--lang', 'en')).toMatchObject({
      code: 0,
      stdout: `restored into ${pgliteDirOf(config(restored))} (${original.events.length} events)\n`,
    });
    expect(await jmeg(restored, 'restore', file, '--lang', 'en')).toMatchObject({
      code: 2,
      stderr: `restore: ${pgliteDirOf(config(restored))} already holds a database: add --force to replace it\n`,
    });
    expect(await withDb(restored, snapshot)).toEqual(original);
  }, 240_000);
});

describe('one process per embedded database', () => {
  it('refuses a second opening in the same process until the first is closed', async () => {
    const dataDir = path.join(root, 'same-process');
    const first = await openDb(config(dataDir));
    await expect(openDb(config(dataDir))).rejects.toBeInstanceOf(DataDirLockedError);
    await first.destroy();
    await withDb(dataDir, async (db) => expect(await countRows(db, 'events')).toBe(0));
  });

  it('takes over a lock whose owner is gone, or whose pid now belongs to another process', async () => {
    const dataDir = path.join(root, 'stale');
    const lock = lockFileOf(pgliteDirOf(config(dataDir)));
    const child = spawn(process.execPath, ['-e', '']);
    const deadPid = child.pid!;
    await new Promise((resolve) => child.on('close', resolve));
    await withDb(dataDir, () => Promise.resolve());
    writeFileSync(
      lock,
      JSON.stringify({ pid: deadPid, command: 'start', since: '2026-01-01T00:00:00Z', startId: null }),
    );
    expect(await jmeg(dataDir, 'council', 'list')).toMatchObject({ code: 0 });
    expect(existsSync(lock)).toBe(false);
    if (existsSync('/proc/self/stat')) {
      // A live pid (this test's own parent) with another start: the pid was reused after the owner died.
      writeFileSync(
        lock,
        JSON.stringify({
          pid: process.ppid,
          command: 'start',
          since: '2026-01-01T00:00:00Z',
          startId: 'another-boot:1',
        }),
      );
      expect(await jmeg(dataDir, 'council', 'list')).toMatchObject({ code: 0 });
      expect(existsSync(lock)).toBe(false);
    }
  }, 120_000);

  describe('while jmeg start runs on the data directory', () => {
    const dataDir = path.join(root, 'served');
    let server: Started;
    /** The server's own process: tsx runs it as a child of the process startJmeg spawned. */
    let serverPid = 0;
    let councilId = '';
    let eventsBefore = 0;

    afterAll(async () => {
      if (server) await stopJmeg(server);
    });
    afterAll(() => {
      try {
        if (serverPid !== 0) process.kill(serverPid, 'SIGKILL');
      } catch {
        // already gone
      }
    });

    it('a second process gets one line in its language, exit 2, and writes nothing', async () => {
      const created = await jmeg(
        dataDir,
        'council',
        'create',
        '--name-ky',
        'Ак-Суу айылдык кеңеши',
        '--name-ru',
        'Ак-Суйский айылный кенеш',
      );
      expect(created.code).toBe(0);
      councilId = created.stdout.trim();
      eventsBefore = await withDb(dataDir, (db) => countRows(db, 'events'));

      server = startJmeg({ JMEG_DATA_DIR: dataDir, PORT: '0', TEMPORAL_ADDRESS: NO_TEMPORAL });
      await server.line(/^API: http:\/\/\S+/m);
      const lock = JSON.parse(readFileSync(lockFileOf(pgliteDirOf(config(dataDir))), 'utf8')) as {
        pid: number;
        command: string;
      };
      expect(lock.command).toBe('start');
      serverPid = lock.pid;
      const pid = serverPid;
      expect(
        await jmeg(dataDir, 'roster', 'import', 'test/fixtures/roster/valid-13.csv', '--group', 'g1', '--lang', 'en'),
      ).toEqual({
        code: 2,
        stdout: '',
        stderr: `jmeg: the server is running on this data directory (pid ${pid}): use the web pages, the API, or stop it first\n`,
      });
      expect(await jmeg(dataDir, 'group', 'create', '--council', councilId)).toMatchObject({
        code: 2,
        stderr: expect.stringContaining(`сервер иштеп жатат (pid ${pid})`) as string,
      });
      expect(await jmeg(dataDir, 'pending', '--group', 'g1', '--lang', 'ru')).toMatchObject({
        code: 2,
        stderr: expect.stringContaining(`работает сервер (pid ${pid})`) as string,
      });
      expect(await jmeg(dataDir, 'db', 'migrate')).toMatchObject({
        code: 2,
        stderr: expect.stringContaining(`сервер иштеп жатат (pid ${pid})`) as string,
      });
      expect(await jmeg(dataDir, 'backup', path.join(root, 'served.tar.gz'), '--lang', 'en')).toMatchObject({
        code: 2,
        stderr: expect.stringContaining('the server is running') as string,
      });
      expect(existsSync(path.join(root, 'served.tar.gz'))).toBe(false);
      expect(
        await jmeg(dataDir, 'restore', path.join(root, 'cli-backup.tar.gz'), '--force', '--lang', 'en'),
      ).toMatchObject({ code: 2, stderr: expect.stringContaining('the server is running') as string });
      // A second server on the same data directory is refused the same way.
      const second = startJmeg({ JMEG_DATA_DIR: dataDir, PORT: '0', TEMPORAL_ADDRESS: NO_TEMPORAL });
      expect(await second.exited).toBe(2);
      expect(second.stderr()).toContain(`the server is running on this data directory (pid ${pid})`);
    }, 240_000);

    it('after the server is killed, its lock is taken over and the database holds only what was there', async () => {
      process.kill(serverPid, 'SIGKILL');
      await server.exited;
      serverPid = 0;
      expect(existsSync(lockFileOf(pgliteDirOf(config(dataDir))))).toBe(true);
      expect(await withDb(dataDir, (db) => countRows(db, 'events'))).toBe(eventsBefore);
      expect(await jmeg(dataDir, 'group', 'create', '--council', councilId)).toMatchObject({ code: 0 });
      expect(existsSync(lockFileOf(pgliteDirOf(config(dataDir))))).toBe(false);
    }, 120_000);
  });
});
