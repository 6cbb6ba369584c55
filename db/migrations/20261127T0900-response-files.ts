// Files a monitored object (or staff, for an answer received on paper) attach to a response to an act (4.3). The
// content lives under <dataDir>/response-files/<sha256>; this table says which response it belongs to. Like accounts,
// not a projection: the response it names is (response ids are the workflow's own, stable across a rebuild), so no
// foreign key, and rebuilding the projections never touches it. The same file for the same response is kept once.
// Frozen: never import application code here. One statement per execute (PGlite runs no multi-statement strings).
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are typed against Kysely<any>: frozen, independent of the app's Database type */
import { sql, type Kysely } from 'kysely';

const up_statements = [
  `create table response_files (
    id text primary key,
    act_id text not null,
    response_id text not null,
    file_name text not null,
    media_type text not null,
    size_bytes integer not null check (size_bytes > 0),
    storage_key text not null,
    uploaded_by text not null,
    uploaded_at timestamptz not null,
    unique (response_id, storage_key)
  )`,
  `create index response_files_act_idx on response_files (act_id)`,
];

const down_statements = ['drop table response_files'];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of up_statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of down_statements) await sql.raw(statement).execute(db);
}
