// Full, order-independent dumps of tables, for comparing a rebuilt projection with the live one.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/database';
import { projectionTables } from '../../db/projections';

export async function dumpTable(db: Kysely<Database>, table: string): Promise<string[]> {
  const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db);
  return rows.map((r) => JSON.stringify(r)).sort();
}

export async function dumpProjections(db: Kysely<Database>): Promise<Record<string, string[]>> {
  const dump: Record<string, string[]> = {};
  for (const table of projectionTables) dump[table] = await dumpTable(db, table);
  return dump;
}

export async function countRows(db: Kysely<Database>, table: keyof Database): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db);
  return rows[0]!.n;
}
