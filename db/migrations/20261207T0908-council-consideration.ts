// The council's answer to the group's recommendations (issue 15 point 3): each session that considered an act, the
// decision on each of its recommendations, and the council's own period for considering acts (not statutory).
// Projected from act.council-considered and council.consideration-days-set, so rebuilding the projections restores them.
// Frozen: never import application code here. One statement per execute (PGlite runs no multi-statement strings).
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are typed against Kysely<any>: frozen, independent of the app's Database type */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`alter table councils add column consideration_days integer`).execute(db);
  await sql
    .raw(
      `create table act_considerations (id text primary key, act_id text not null references acts(id), session_on date not null, agenda_item text not null, recorded_at timestamptz not null)`,
    )
    .execute(db);
  await sql.raw(`create index act_considerations_act on act_considerations (act_id, session_on)`).execute(db);
  await sql
    .raw(
      `create table recommendation_decisions (consideration_id text not null references act_considerations(id), act_id text not null references acts(id), recommendation integer not null check (recommendation >= 1), decision text not null check (decision in ('accepted', 'partly-accepted', 'rejected', 'deferred')), text text not null, primary key (consideration_id, recommendation))`,
    )
    .execute(db);
  await sql.raw(`create index recommendation_decisions_act on recommendation_decisions (act_id)`).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`drop table recommendation_decisions`).execute(db);
  await sql.raw(`drop table act_considerations`).execute(db);
  await sql.raw(`alter table councils drop column consideration_days`).execute(db);
}
