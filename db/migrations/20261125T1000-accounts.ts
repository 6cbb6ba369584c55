// Accounts (council staff, group chairs) and their login sessions. Not event-sourced and not projections:
// no foreign keys to councils/groups, so rebuilding the projections (truncate) never touches them.
// Frozen: never import application code here. One statement per execute (PGlite runs no multi-statement strings).
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are typed against Kysely<any>: frozen, independent of the app's Database type */
import { sql, type Kysely } from 'kysely';

const up_statements = [
  `create table accounts (
    id text primary key,
    email text not null unique check (email = lower(email)),
    password_hash text not null,
    role text not null check (role in ('staff', 'chair')),
    council_id text,
    group_id text,
    created_at timestamptz not null default now(),
    check ((role = 'chair' and group_id is not null) or (role = 'staff' and group_id is null))
  )`,
  `create table sessions (
    id_hash text primary key,
    account_id text not null references accounts (id) on delete cascade,
    csrf_token text not null,
    created_at timestamptz not null,
    last_seen_at timestamptz not null
  )`,
  `create index sessions_account_idx on sessions (account_id)`,
];

const down_statements = ['drop table sessions', 'drop table accounts'];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of up_statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of down_statements) await sql.raw(statement).execute(db);
}
