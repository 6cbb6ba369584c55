// A council's reading of 7.2.2 (the cadence of the group's meetings per quarter): the Kyrgyz text literally says
// "not more than once a quarter" (the default), the likelier intent is "at least once". Projected from
// council.cadence-reading-set, so rebuilding the projections restores it. Also: a meeting may be the community's
// annual gathering (7.2.4), announced by a public notice.
// Frozen: never import application code here. One statement per execute (PGlite runs no multi-statement strings).
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are typed against Kysely<any>: frozen, independent of the app's Database type */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `alter table councils add column cadence_reading text not null default 'at-most-once-per-quarter' check (cadence_reading in ('at-most-once-per-quarter', 'at-least-once-per-quarter'))`,
    )
    .execute(db);
  await sql.raw(`alter table meetings drop constraint meetings_kind_check`).execute(db);
  await sql
    .raw(
      `alter table meetings add constraint meetings_kind_check check (kind in ('first', 'regular', 'extraordinary', 'annual-gathering'))`,
    )
    .execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`alter table meetings drop constraint meetings_kind_check`).execute(db);
  await sql
    .raw(
      `alter table meetings add constraint meetings_kind_check check (kind in ('first', 'regular', 'extraordinary'))`,
    )
    .execute(db);
  await sql.raw(`alter table councils drop column cadence_reading`).execute(db);
}
