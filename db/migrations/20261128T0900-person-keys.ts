// Crypto-shredding of personal data in the append-only log: one data key per person (AES-256-GCM) that encrypts the
// person's phone, e-mail and birth date in every event payload. Erasing the key (key set to null, erased_at set)
// makes those fields unreadable everywhere while no event row changes. Not a projection: rebuilding the projections
// never touches it. The persons projection gets the moment its data was erased, and a birth date that may be absent
// (erased).
// Frozen: never import application code here. One statement per execute (PGlite runs no multi-statement strings).
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are typed against Kysely<any>: frozen, independent of the app's Database type */
import { sql, type Kysely } from 'kysely';

const up_statements = [
  `create table person_keys (
    person_id text primary key,
    key bytea check (key is null or octet_length(key) = 32),
    created_at timestamptz not null default now(),
    erased_at timestamptz,
    check ((key is null) = (erased_at is not null))
  )`,
  `alter table persons alter column birth_date drop not null`,
  `alter table persons add column data_erased_at timestamptz`,
];

const down_statements = [`alter table persons drop column data_erased_at`, `drop table person_keys`];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of up_statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of down_statements) await sql.raw(statement).execute(db);
}
