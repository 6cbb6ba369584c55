// Re-sent response links (4.3, 7.3.2(1)): each fresh link staff send for an act or an information request and one
// party is a generation (1, 2, ...; the link mailed with the act or request is generation 0, never stored). Only the
// newest generation's link works: an older one is revoked (410). The row keeps the new link's expiry, so a retried
// send signs the same link, and who sent it.
// Frozen: never import application code here. One statement per execute (PGlite runs no multi-statement strings).
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are typed against Kysely<any>: frozen, independent of the app's Database type */
import { sql, type Kysely } from 'kysely';

const up_statements = [
  `create table link_generations (
    subject text not null check (subject ~ '^(act|request):.+'),
    party_object_id text not null references monitored_objects (id),
    generation integer not null check (generation >= 1),
    expires_at timestamptz not null,
    created_at timestamptz not null,
    created_by text not null,
    primary key (subject, party_object_id, generation),
    check (expires_at > created_at)
  )`,
];

const down_statements = ['drop table link_generations'];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of up_statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of down_statements) await sql.raw(statement).execute(db);
}
