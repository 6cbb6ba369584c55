// Conflicts of interest (6.3-6.4, issue 14 point 2): members' written declarations and the council chair's temporary
// removals. Projected from conflict.* events (db/projections/conflicts.ts).
// Frozen: never import application code here. One statement per execute (PGlite runs no multi-statement strings).
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are typed against Kysely<any>: frozen, independent of the app's Database type */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `create table conflict_declarations (id text primary key, group_id text not null references groups(id), membership_id text not null, person_id text not null, account_id text, object_id text, matter text, text text, file jsonb, declared_on date not null)`,
    )
    .execute(db);
  await sql
    .raw(
      `create table conflict_removals (id text primary key, declaration_id text not null references conflict_declarations(id), group_id text not null references groups(id), from_date date not null, to_date date not null, reason text not null, recorded_on date not null)`,
    )
    .execute(db);
  await sql.raw(`create index conflict_declarations_group on conflict_declarations (group_id)`).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`drop table conflict_removals`).execute(db);
  await sql.raw(`drop table conflict_declarations`).execute(db);
}
