// Two more account roles (issue 6): group members (read their group) and council deputies (read their council's
// groups, receive escalations). A member has a group like a chair; a deputy has a council like staff. Also a
// feed token per group for the iCalendar feed a chair subscribes to on a phone (no login in calendar apps).
// Frozen: never import application code here. One statement per execute (PGlite runs no multi-statement strings).
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are typed against Kysely<any>: frozen, independent of the app's Database type */
import { sql, type Kysely } from 'kysely';

const up_statements = [
  `alter table accounts drop constraint accounts_role_check`,
  `alter table accounts drop constraint accounts_check`,
  `alter table accounts add constraint accounts_role_check check (role in ('staff', 'chair', 'member', 'deputy'))`,
  `alter table accounts add constraint accounts_scope_check check (
    (role in ('chair', 'member') and group_id is not null)
    or (role = 'staff' and group_id is null)
    or (role = 'deputy' and group_id is null and council_id is not null)
  )`,
  `create table feed_tokens (
    group_id text primary key,
    token_hash text not null unique,
    created_at timestamptz not null default now()
  )`,
];

const down_statements = [
  'drop table feed_tokens',
  `delete from accounts where role in ('member', 'deputy')`,
  'alter table accounts drop constraint accounts_scope_check',
  'alter table accounts drop constraint accounts_role_check',
  `alter table accounts add constraint accounts_role_check check (role in ('staff', 'chair'))`,
  `alter table accounts add constraint accounts_check check ((role = 'chair' and group_id is not null) or (role = 'staff' and group_id is null))`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of up_statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of down_statements) await sql.raw(statement).execute(db);
}
