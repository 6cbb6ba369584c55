// Staff edit a monitored object (issue 12, point 7): its postal address, and whether it is active (no new acts or
// information requests to an inactive one). Projected from object.edited, object.deactivated and object.reactivated
// (db/object-edit-events.ts), so rebuilding the projections restores them; the old values stay in the event log.
// Frozen: never import application code here. One statement per execute (PGlite runs no multi-statement strings).
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are typed against Kysely<any>: frozen, independent of the app's Database type */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`alter table monitored_objects add column postal_address text`).execute(db);
  await sql.raw(`alter table monitored_objects add column active boolean not null default true`).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`alter table monitored_objects drop column active`).execute(db);
  await sql.raw(`alter table monitored_objects drop column postal_address`).execute(db);
}
