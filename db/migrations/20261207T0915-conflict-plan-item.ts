// A conflict of interest about a work-plan item (6.3-6.4, issue 14 point 2): a declaration names an object, an item of
// the group's plan (7.3.1) or a free-text matter. Projected from conflict.declared (db/projections/conflicts.ts).
// Frozen: never import application code here. One statement per execute (PGlite runs no multi-statement strings).
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are typed against Kysely<any>: frozen, independent of the app's Database type */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`alter table conflict_declarations add column plan_item_id text references plan_items(id)`).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`alter table conflict_declarations drop column plan_item_id`).execute(db);
}
