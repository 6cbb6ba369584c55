// 5.4.8: whether the 15-working-day periods of 5.4.2/5.4.3 apply to a replacement is the council's reading (default:
// they apply). Projected from council.replacement-periods-set, so rebuilding the projections restores it.
// Frozen: never import application code here. One statement per execute (PGlite runs no multi-statement strings).
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are typed against Kysely<any>: frozen, independent of the app's Database type */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`alter table councils add column replacement_periods boolean not null default true`).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`alter table councils drop column replacement_periods`).execute(db);
}
