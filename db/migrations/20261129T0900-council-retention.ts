// A council's retention period for personal data: how many months after a group's term ends its members' and
// candidates' phones, e-mails and birth dates are kept (0: until the person asks). Projected from
// council.retention-set, so rebuilding the projections restores it.
// Frozen: never import application code here. One statement per execute (PGlite runs no multi-statement strings).
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are typed against Kysely<any>: frozen, independent of the app's Database type */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `alter table councils add column retention_months integer not null default 0 check (retention_months between 0 and 600)`,
    )
    .execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`alter table councils drop column retention_months`).execute(db);
}
