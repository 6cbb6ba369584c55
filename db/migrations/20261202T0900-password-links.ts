// Password links: the single-use, expiring links that let a person set their account's password, sent by mail when
// staff create the account (an invitation) or when the person asks on the login page (forgot password). Only the
// sha256 of the link's token is kept; the link's language is the language of its mail and page.
// Frozen: never import application code here. One statement per execute (PGlite runs no multi-statement strings).
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are typed against Kysely<any>: frozen, independent of the app's Database type */
import { sql, type Kysely } from 'kysely';

const up_statements = [
  `create table password_links (
    id text primary key,
    account_id text not null references accounts (id) on delete cascade,
    token_hash text not null unique,
    purpose text not null check (purpose in ('invitation', 'reset')),
    lang text not null check (lang in ('ky', 'ru', 'en')),
    created_at timestamptz not null,
    expires_at timestamptz not null,
    used_at timestamptz,
    check (expires_at > created_at)
  )`,
  `create index password_links_account_idx on password_links (account_id)`,
];

const down_statements = ['drop table password_links'];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of up_statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of down_statements) await sql.raw(statement).execute(db);
}
