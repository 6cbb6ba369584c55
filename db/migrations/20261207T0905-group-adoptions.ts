// A group taken on (a group the council created before the product was used): the council's resolution, its
// publication, the term it starts (5.3.1) and the composition's findings kept on the group's record (5.2.1, 5.2.3).
// A projection of the group.adopted event. Frozen: never import application code here. One statement per execute.
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are typed against Kysely<any>: frozen, independent of the app's Database type */
import { sql, type Kysely } from 'kysely';

const up_statements = [
  `create table group_adoptions (
    group_id text primary key references groups (id),
    resolution_number text not null,
    decided_on date not null,
    published_on date not null,
    term_start date not null,
    term_end date not null,
    chair_elected_later boolean not null,
    members integer not null,
    findings jsonb not null,
    adopted_at timestamptz not null
  )`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of up_statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw('drop table if exists group_adoptions').execute(db);
}
