// Information requests (7.3.2(1), Law No. 217 of 29.12.2023): the group's request to a monitored object, its receipt,
// the one extension, the answer or the refusal with its ground. A projection of the request.* events.
// Frozen: never import application code here. One statement per execute (PGlite runs no multi-statement strings).
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are typed against Kysely<any>: frozen, independent of the app's Database type */
import { sql, type Kysely } from 'kysely';

const up_statements = [
  `create table information_requests (
    id text primary key,
    group_id text not null references groups (id),
    council_id text not null references councils (id),
    object_id text not null references monitored_objects (id),
    subject text not null,
    purpose text not null,
    reference text,
    act_id text references acts (id),
    calendar_kind text not null check (calendar_kind in ('with-transfers', 'labour-code')),
    sent_on date not null,
    received_on date,
    received_via text check (received_via in ('link', 'staff')),
    first_due_date date,
    due_date date,
    extension_reason text,
    extended_on date,
    outcome text check (outcome in ('answered', 'refused')),
    outcome_on date,
    answer_text text,
    refusal_ground text check (refusal_ground in ('state-secret', 'personal-data', 'other-law')),
    refusal_text text,
    escalated boolean not null default false,
    created_at timestamptz not null
  )`,
  `create index information_requests_group_idx on information_requests (group_id, sent_on)`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of up_statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw('drop table information_requests').execute(db);
}
