// The group's summary reports (issue 15 point 2): one row per group and period (a half-year or a year), its text
// parts, and once submitted the counts frozen as they were; the council's own number of days after a period's end the
// report is due (the regulation sets none). Projected from report.* and council.report-due-days-set events.
// Frozen: never import application code here. One statement per execute (PGlite runs no multi-statement strings).
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are typed against Kysely<any>: frozen, independent of the app's Database type */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`alter table councils add column report_due_days integer`).execute(db);
  await sql
    .raw(
      `create table summary_reports (id text primary key, group_id text not null references groups(id), period text not null, start_date date not null, end_date date not null, due_date date not null, status text not null check (status in ('draft', 'submitted')), texts jsonb not null, facts jsonb, submitted_on date, notice_id text, drafted_at timestamptz not null, unique (group_id, period))`,
    )
    .execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`drop table summary_reports`).execute(db);
  await sql.raw(`alter table councils drop column report_due_days`).execute(db);
}
