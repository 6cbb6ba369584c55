// A chair's or member's account linked to the membership it speaks for (6.3: a member declares their own conflict of
// interest). Nullable: staff accounts have none; staff link an account on its form, and an unlinked chair/member
// account is linked on first use when its e-mail is exactly one current membership's (db/account-membership.ts).
// No foreign key to memberships: memberships is a projection that `projections rebuild` truncates and replays (with
// the same ids), while accounts are not; a reference would make the rebuild fail. The readers join on it.
// Frozen: never import application code here. One statement per execute (PGlite runs no multi-statement strings).
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are typed against Kysely<any>: frozen, independent of the app's Database type */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`alter table accounts add column membership_id text`).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`alter table accounts drop column membership_id`).execute(db);
}
