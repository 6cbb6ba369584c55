// The council's answer to a summary report's recommendations (issue 15 point 3; 8.1): each session that considered a
// report and its decision on each recommendation the report lists, beside the acts' (20261207T0908); and the annual
// gathering (7.2.4) staff or the chair chose for presenting a yearly report. Projected from report.council-considered
// and report.presentation-set, so rebuilding the projections restores them.
// Frozen: never import application code here. One statement per execute (PGlite runs no multi-statement strings).
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are typed against Kysely<any>: frozen, independent of the app's Database type */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `create table report_considerations (id text primary key, report_id text not null references summary_reports(id), session_on date not null, agenda_item text not null, recorded_at timestamptz not null)`,
    )
    .execute(db);
  await sql
    .raw(`create index report_considerations_report on report_considerations (report_id, session_on)`)
    .execute(db);
  await sql
    .raw(
      `create table report_recommendation_decisions (consideration_id text not null references report_considerations(id), report_id text not null references summary_reports(id), recommendation integer not null check (recommendation >= 1), decision text not null check (decision in ('accepted', 'partly-accepted', 'rejected', 'deferred')), text text not null, primary key (consideration_id, recommendation))`,
    )
    .execute(db);
  await sql
    .raw(`create index report_recommendation_decisions_report on report_recommendation_decisions (report_id)`)
    .execute(db);
  await sql.raw(`alter table summary_reports add column presentation_meeting_id text`).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`alter table summary_reports drop column presentation_meeting_id`).execute(db);
  await sql.raw(`drop table report_recommendation_decisions`).execute(db);
  await sql.raw(`drop table report_considerations`).execute(db);
}
