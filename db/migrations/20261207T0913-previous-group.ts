// The group a formation follows (5.3.1, issue 13 point 4): staff start the next formation from a group whose term
// ended, and the new group's record names the old one. Projected from group.opened, so a rebuild restores it.
// Frozen: never import application code here. One statement per execute (PGlite runs no multi-statement strings).
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are typed against Kysely<any>: frozen, independent of the app's Database type */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`alter table groups add column previous_group_id text`).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`alter table groups drop column previous_group_id`).execute(db);
}
