// Opens the configured database (migrated) for one CLI command and closes it afterwards.
import type { Kysely } from 'kysely';
import { loadConfig } from '../config/config';
import { describeTarget, openDb } from '../db/connect';
import { DataDirLockedError, isServerCommand } from '../db/data-dir-lock';
import type { Database } from '../db/database';
import { isLang, type Lang } from '../domain/i18n';
import { CliError } from './cli-error';

export async function withDatabase<T>(fn: (db: Kysely<Database>, target: string) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const target = describeTarget(config);
  let db: Kysely<Database>;
  try {
    db = await openDb(config);
  } catch (error) {
    refuseIfLocked(error);
    throw new CliError(`cannot open the database (${target}): ${firstLine(error)}; set DATABASE_URL or JMEG_DATA_DIR`);
  }
  try {
    return await fn(db, target);
  } finally {
    await db.destroy();
  }
}

export function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
}

/** The language of this command's messages: its --lang (ky, ru, en), Kyrgyz by default. */
export function commandLang(argv: readonly string[] = process.argv): Lang {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = arg === '--lang' ? argv[i + 1] : arg.startsWith('--lang=') ? arg.slice('--lang='.length) : undefined;
    if (value !== undefined && isLang(value)) return value;
  }
  return 'ky';
}

const LOCKED: Record<Lang, { server: (who: string) => string; other: (who: string) => string }> = {
  ky: {
    server: (who) =>
      `бул маалымат папкасында сервер иштеп жатат${who}: веб-барактарды же API'ни колдонуңуз, же адегенде серверди токтотуңуз`,
    other: (who) => `бул маалымат папкасын башка jmeg процесси ачып турат${who}: анын бүтүшүн күтүңүз`,
  },
  ru: {
    server: (who) =>
      `на этом каталоге данных работает сервер${who}: используйте веб-страницы или API либо сначала остановите сервер`,
    other: (who) => `этот каталог данных открыт другим процессом jmeg${who}: дождитесь его завершения`,
  },
  en: {
    server: (who) => `the server is running on this data directory${who}: use the web pages, the API, or stop it first`,
    other: (who) => `another jmeg process${who} has this data directory open: wait for it to finish`,
  },
};

/** The one line (exit code 2) for a refusal to open an embedded database another process holds. */
export function lockedMessage(error: DataDirLockedError, lang: Lang = commandLang()): string {
  const owner = error.owner;
  if (owner === null) return LOCKED[lang].other('');
  if (isServerCommand(owner.command)) return LOCKED[lang].server(` (pid ${owner.pid})`);
  return LOCKED[lang].other(` (pid ${owner.pid}, "jmeg ${owner.command}")`);
}

/** Throws the localized refusal when `error` (or its cause) is a DataDirLockedError; returns otherwise. */
export function refuseIfLocked(error: unknown): void {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e instanceof DataDirLockedError) throw new CliError(`jmeg: ${lockedMessage(e)}`, 2);
  }
}
