// `jmeg backup FILE` and `jmeg restore FILE [--force]`: the embedded (PGlite) database to a file and back. Postgres
// (DATABASE_URL) is backed up with pg_dump and pg_restore instead (README, "Backups").
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { loadConfig } from '../../config/config';
import { pgliteDirOf } from '../../db/connect';
import { BackupError, dumpPGlite, restorePGlite } from '../../db/pglite-backup';
import { ownerOnlyUmask } from '../../security/data-dir';
import { isLang, type Lang } from '../../domain/i18n';
import { CliError } from '../cli-error';
import { leaf, runCommand, type Options, type Parsed } from '../command';
import { refuseIfLocked } from '../with-database';

const OPTIONS = {
  force: { type: 'boolean', description: 'replace an existing file (backup) or database (restore)' },
  lang: { type: 'string', placeholder: 'ky|ru|en', description: 'language of the messages (default ky)' },
} as const satisfies Options;

const NOTE = 'PostgreSQL (DATABASE_URL) is backed up with pg_dump and pg_restore instead (README, "Backups").';

export const backupCommand = leaf({
  name: 'backup',
  summary: 'Writes the embedded database (PGlite) to FILE; refused while the server runs on it.',
  positionals: [{ name: 'FILE', description: 'the backup file to write' }],
  options: OPTIONS,
  notes: [NOTE],
  run: (parsed) => backup(parsed),
});

export const restoreCommand = leaf({
  name: 'restore',
  summary: 'Restores the embedded database (PGlite) from a backup FILE; --force replaces an existing one.',
  positionals: [{ name: 'FILE', description: 'a file written by "jmeg backup"' }],
  options: OPTIONS,
  notes: [NOTE],
  run: (parsed) => restore(parsed),
});

const T: Record<
  Lang,
  Record<
    'postgres' | 'noDatabase' | 'exists' | 'notEmpty' | 'unreadable' | 'noFile',
    (a: string, b?: string) => string
  > & { done: (file: string, mb: string) => string; restored: (dir: string, events: number) => string }
> = {
  ky: {
    postgres: (cmd) =>
      `${cmd}: DATABASE_URL коюлган: PostgreSQL базасын pg_dump/pg_restore менен сактаңыз (README, "Backups")`,
    noDatabase: (cmd, dir) => `${cmd}: ${dir} ичинде камтылган маалымат базасы жок`,
    exists: (cmd, file) => `${cmd}: ${file} мурунтан бар: башка ат бериңиз же --force`,
    notEmpty: (cmd, dir) => `${cmd}: ${dir} ичинде маалымат базасы бар: аны алмаштыруу үчүн --force кошуңуз`,
    unreadable: (cmd, why) => `${cmd}: ${why}; эч нерсе өзгөргөн жок`,
    noFile: (cmd, file) => `${cmd}: ${file} окулбайт`,
    done: (file, mb) => `камдык көчүрмө: ${file} (${mb} МБ)`,
    restored: (dir, events) => `калыбына келтирилди: ${dir} (${events} окуя)`,
  },
  ru: {
    postgres: (cmd) =>
      `${cmd}: задан DATABASE_URL: базу PostgreSQL сохраняйте через pg_dump/pg_restore (README, "Backups")`,
    noDatabase: (cmd, dir) => `${cmd}: в ${dir} нет встроенной базы данных`,
    exists: (cmd, file) => `${cmd}: ${file} уже существует: укажите другое имя или --force`,
    notEmpty: (cmd, dir) => `${cmd}: в ${dir} уже есть база данных: добавьте --force, чтобы заменить её`,
    unreadable: (cmd, why) => `${cmd}: ${why}; ничего не изменено`,
    noFile: (cmd, file) => `${cmd}: не удаётся прочитать ${file}`,
    done: (file, mb) => `резервная копия: ${file} (${mb} МБ)`,
    restored: (dir, events) => `восстановлено: ${dir} (событий: ${events})`,
  },
  en: {
    postgres: (cmd) => `${cmd}: DATABASE_URL is set: back up PostgreSQL with pg_dump/pg_restore (README, "Backups")`,
    noDatabase: (cmd, dir) => `${cmd}: no embedded database in ${dir}`,
    exists: (cmd, file) => `${cmd}: ${file} already exists: give another name or --force`,
    notEmpty: (cmd, dir) => `${cmd}: ${dir} already holds a database: add --force to replace it`,
    unreadable: (cmd, why) => `${cmd}: ${why}; nothing was changed`,
    noFile: (cmd, file) => `${cmd}: cannot read ${file}`,
    done: (file, mb) => `backed up to ${file} (${mb} MB)`,
    restored: (dir, events) => `restored into ${dir} (${events} events)`,
  },
};

function parse(cmd: string, parsed: Parsed<typeof OPTIONS>): { file: string; force: boolean; lang: Lang } {
  const lang = parsed.values.lang ?? 'ky';
  if (!isLang(lang)) throw new CliError(`${cmd}: --lang "${lang}" must be ky, ru or en`);
  return { file: parsed.positionals[0]!, force: parsed.values.force === true, lang };
}

/** Writes `data` to `file` owner-only, whole or not at all. */
function writeWhole(file: string, data: Uint8Array): void {
  const temp = `${file}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeSync(fd, data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

async function backup(parsed: Parsed<typeof OPTIONS>): Promise<number> {
  const { file, force, lang } = parse('backup', parsed);
  const t = T[lang];
  const config = loadConfig();
  if (config.databaseUrl !== null) throw new CliError(t.postgres('backup'));
  if (existsSync(file) && !force) throw new CliError(t.exists('backup', file));
  ownerOnlyUmask();
  const dir = pgliteDirOf(config);
  let dump: Uint8Array;
  try {
    dump = await dumpPGlite(dir);
  } catch (error) {
    refuseIfLocked(error);
    if (error instanceof BackupError) throw new CliError(t.noDatabase('backup', dir));
    throw error;
  }
  writeWhole(file, dump);
  process.stdout.write(`${t.done(file, (dump.byteLength / 1024 / 1024).toFixed(1))}\n`);
  return 0;
}

async function restore(parsed: Parsed<typeof OPTIONS>): Promise<number> {
  const { file, force, lang } = parse('restore', parsed);
  const t = T[lang];
  const config = loadConfig();
  if (config.databaseUrl !== null) throw new CliError(t.postgres('restore'));
  let dump: Uint8Array;
  try {
    dump = readFileSync(file);
  } catch {
    throw new CliError(t.noFile('restore', file));
  }
  ownerOnlyUmask();
  const dir = pgliteDirOf(config);
  try {
    const { events } = await restorePGlite(dir, dump, { force });
    process.stdout.write(`${t.restored(dir, events)}\n`);
    return 0;
  } catch (error) {
    refuseIfLocked(error);
    if (error instanceof BackupError && error.code === 'not-empty') throw new CliError(t.notEmpty('restore', dir));
    if (error instanceof BackupError) throw new CliError(t.unreadable('restore', error.message));
    throw error;
  }
}

export const command = backupCommand;
export const run = (argv: string[]): Promise<number> => runCommand(backupCommand, argv);
