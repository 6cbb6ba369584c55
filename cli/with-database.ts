// Opens the configured database (migrated) for one CLI command and closes it afterwards.
import type { Kysely } from 'kysely';
import { loadConfig } from '../config/config';
import { describeTarget, openDb } from '../db/connect';
import type { Database } from '../db/database';
import { CliError } from './cli-error';

export async function withDatabase<T>(fn: (db: Kysely<Database>, target: string) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const target = describeTarget(config);
  let db: Kysely<Database>;
  try {
    db = await openDb(config);
  } catch (error) {
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
