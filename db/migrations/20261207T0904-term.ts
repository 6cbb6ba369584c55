// The group's term procedure (5.3.1, 7.2): the term of each group (its start, end and status as the procedure keeps
// them), a meeting's agenda, moves, quorum (7.2.3) and minutes, who attended, and each decision with its votes.
// Frozen: never import application code here. One statement per execute (PGlite runs no multi-statement strings).
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are typed against Kysely<any>: frozen, independent of the app's Database type */
import { sql, type Kysely } from 'kysely';

const up_statements = [
  `create table group_terms (
    group_id text primary key references groups (id),
    term_start date not null,
    term_end date not null,
    status text not null check (status in ('active', 'term-ended')),
    ended_on date,
    check (term_end > term_start)
  )`,
  `create table term_notices (
    group_id text not null references groups (id),
    notice_key text not null,
    kind text not null check (kind in ('cadence-warning', 'term-reminder')),
    on_date date not null,
    detail text not null,
    primary key (group_id, notice_key)
  )`,
  `alter table meetings add column agenda text`,
  `alter table meetings add column moves integer not null default 0`,
  `alter table meetings add column quorate boolean`,
  `alter table meetings add column quorum_required integer`,
  `alter table meetings add column members_total integer`,
  `alter table meetings add column minutes_date date`,
  `alter table meetings add column minutes_text text`,
  `alter table meetings add column minutes_file jsonb`,
  `create table meeting_attendance (
    meeting_id text not null references meetings (id),
    membership_id text not null,
    primary key (meeting_id, membership_id)
  )`,
  `create table meeting_decisions (
    id text primary key,
    meeting_id text not null references meetings (id),
    text text not null,
    votes_for integer not null check (votes_for >= 0),
    votes_against integer not null check (votes_against >= 0),
    votes_abstained integer not null check (votes_abstained >= 0),
    taken boolean not null,
    because text not null check (because in ('no-quorum', 'majority', 'no-majority'))
  )`,
  `create index meeting_decisions_meeting_idx on meeting_decisions (meeting_id)`,
];

const down_statements = [
  'drop table meeting_decisions',
  'drop table meeting_attendance',
  'alter table meetings drop column minutes_file',
  'alter table meetings drop column minutes_text',
  'alter table meetings drop column minutes_date',
  'alter table meetings drop column members_total',
  'alter table meetings drop column quorum_required',
  'alter table meetings drop column quorate',
  'alter table meetings drop column moves',
  'alter table meetings drop column agenda',
  'drop table term_notices',
  'drop table group_terms',
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of up_statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of down_statements) await sql.raw(statement).execute(db);
}
