// A monitored object's calendar: staff may mark an object that is not a state or municipal body as following the
// Cabinet's transfers of days off (domain/object-calendar.ts). Projected from object.registered and
// object.calendar-set, so rebuilding the projections restores it.
// Frozen: never import application code here. One statement per execute (PGlite runs no multi-statement strings).
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are typed against Kysely<any>: frozen, independent of the app's Database type */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(`alter table monitored_objects add column follows_transfers boolean not null default false`)
    .execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`alter table monitored_objects drop column follows_transfers`).execute(db);
}
