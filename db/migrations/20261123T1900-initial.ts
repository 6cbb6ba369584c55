// Initial schema: the append-only event log, the projections read by pages, and the mail outbox.
// Frozen: never import application code here. One statement per execute (PGlite runs no multi-statement strings).
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are typed against Kysely<any>: frozen, independent of the app's Database type */
import { sql, type Kysely } from 'kysely';

const up_statements = [
  `create table events (
    position bigint generated always as identity primary key,
    stream_id text not null,
    stream_version integer not null check (stream_version > 0),
    type text not null,
    payload jsonb not null,
    actor text not null,
    occurred_at timestamptz not null,
    recorded_at timestamptz not null default now(),
    idempotency_key text,
    constraint events_stream_version_key unique (stream_id, stream_version),
    constraint events_idempotency_key_key unique (idempotency_key)
  )`,
  `create index events_type_idx on events (type, position)`,
  `create function events_refuse_change() returns trigger language plpgsql as $$
   begin
     raise exception 'events are append-only: % on events refused', tg_op
       using errcode = 'restrict_violation', hint = 'record a new event that corrects the earlier one';
   end
   $$`,
  `create trigger events_no_update_delete before update or delete on events
     for each row execute function events_refuse_change()`,
  `create trigger events_no_truncate before truncate on events
     for each statement execute function events_refuse_change()`,

  `create table councils (
    id text primary key,
    name_ky text not null,
    name_ru text not null,
    website text,
    time_zone text not null default 'Asia/Bishkek',
    email text,
    registered_at timestamptz not null
  )`,
  `create table groups (
    id text primary key,
    council_id text not null references councils (id),
    status text not null check (status in ('forming', 'created', 'active', 'term-ended', 'dissolved')),
    council_formed_on date,
    created_on date,
    resolution_number text,
    term_end date,
    opened_at timestamptz not null
  )`,
  `create index groups_council_idx on groups (council_id)`,
  `create table persons (
    id text primary key,
    council_id text not null references councils (id),
    full_name text not null,
    sex text not null check (sex in ('M', 'F')),
    birth_date text not null check (birth_date ~ '^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$'),
    workplace text,
    village text,
    phone text,
    email text
  )`,
  `create table memberships (
    id text primary key,
    group_id text not null references groups (id),
    person_id text not null references persons (id),
    category text not null check (category in ('municipal_employee', 'deputy', 'citizen')),
    role text not null default 'member' check (role in ('member', 'chair')),
    joined_on date,
    left_on date,
    left_reason text
  )`,
  `create unique index memberships_current_person on memberships (group_id, person_id) where left_on is null`,
  `create table gathering_protocols (
    id text primary key,
    group_id text not null references groups (id),
    held_on date not null,
    protocol_ref text not null,
    place text,
    participants integer not null check (participants > 0)
  )`,
  `create table candidates (
    id text primary key,
    group_id text not null references groups (id),
    person_id text not null references persons (id),
    category text not null check (category in ('municipal_employee', 'deputy', 'citizen')),
    status text not null check (status in ('nominated', 'withdrawn', 'appointed')),
    membership_id text references memberships (id),
    withdrawn_reason text
  )`,
  `create index candidates_group_idx on candidates (group_id)`,
  `create table nominations (
    id text primary key,
    candidate_id text not null references candidates (id),
    source text not null check (source in ('executive_head', 'council_chair', 'community_gathering')),
    protocol_id text references gathering_protocols (id),
    votes integer check (votes >= 0),
    nominated_on date not null,
    check ((source = 'community_gathering') = (protocol_id is not null and votes is not null))
  )`,
  `create table monitored_objects (
    id text primary key,
    council_id text not null references councils (id),
    name text not null,
    kind text not null check (kind in ('executive_body', 'municipal_enterprise', 'municipal_institution',
      'procurement_supplier', 'procurement_consultant', 'public_association')),
    contacts jsonb not null default '[]',
    is_executive_body boolean not null,
    check (is_executive_body = (kind = 'executive_body'))
  )`,
  `create table acts (
    id text primary key,
    group_id text not null references groups (id),
    object_id text not null references monitored_objects (id),
    title text not null,
    number text,
    status text not null check (status in ('draft', 'issued', 'received', 'closed')),
    content jsonb not null,
    issued_on date,
    received_on date,
    received_via text check (received_via in ('link', 'staff')),
    close_reason text
  )`,
  `create index acts_group_idx on acts (group_id)`,
  `create table act_annexes (
    id text primary key,
    act_id text not null references acts (id),
    file_name text not null,
    media_type text not null,
    size_bytes integer not null check (size_bytes >= 0),
    storage_key text not null
  )`,
  `create table obligations (
    id text primary key,
    group_id text not null references groups (id),
    act_id text references acts (id),
    key text not null,
    clause text not null,
    party text not null,
    anchor_date date not null,
    due_date date not null,
    status text not null check (status in ('open', 'met', 'escalated', 'closed', 'cancelled')),
    opened_at timestamptz not null,
    status_changed_at timestamptz not null
  )`,
  `create index obligations_group_status_idx on obligations (group_id, status, due_date)`,
  `create index obligations_act_idx on obligations (act_id)`,
  `create table obligation_status_changes (
    obligation_id text not null references obligations (id),
    seq integer not null,
    status text not null,
    reason text,
    changed_at timestamptz not null,
    event_position bigint not null,
    primary key (obligation_id, seq)
  )`,
  `create table obligation_reminders (
    obligation_id text not null references obligations (id),
    rung text not null,
    sent_at timestamptz not null,
    recipients jsonb not null,
    primary key (obligation_id, rung)
  )`,
  `create table responses (
    id text primary key,
    act_id text not null references acts (id),
    obligation_id text references obligations (id),
    kind text not null check (kind in ('object-response', 'executive-report')),
    submitted_at timestamptz not null,
    late boolean not null,
    body text not null,
    responder text not null,
    supersedes_id text references responses (id)
  )`,
  `create table notices (
    id text primary key,
    council_id text not null references councils (id),
    group_id text references groups (id),
    kind text not null,
    text_ky text not null,
    text_ru text not null,
    channels jsonb not null,
    published_at timestamptz not null
  )`,
  `create table meetings (
    id text primary key,
    group_id text not null references groups (id),
    kind text not null check (kind in ('first', 'regular', 'extraordinary')),
    scheduled_on date not null,
    starts_at text,
    place text,
    status text not null check (status in ('scheduled', 'held', 'cancelled')),
    held_on date,
    present_count integer,
    cancel_reason text
  )`,
  `create table calendar_entries (
    council_id text references councils (id),
    date date not null,
    type text not null check (type in ('day-off', 'working-day')),
    name_ky text not null,
    name_ru text not null,
    status text not null check (status in ('confirmed', 'estimated'))
  )`,
  `create unique index calendar_entries_scope_date on calendar_entries (coalesce(council_id, ''), date)`,
  `create table mail_outbox (
    id bigint generated always as identity primary key,
    business_key text not null unique,
    recipients jsonb not null,
    subject text not null,
    text_body text not null,
    html_body text,
    status text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
    attempts integer not null default 0,
    last_error text,
    created_at timestamptz not null default now(),
    sent_at timestamptz
  )`,
];

const down_statements = [
  'drop table mail_outbox',
  'drop table calendar_entries',
  'drop table meetings',
  'drop table notices',
  'drop table responses',
  'drop table obligation_reminders',
  'drop table obligation_status_changes',
  'drop table obligations',
  'drop table act_annexes',
  'drop table acts',
  'drop table monitored_objects',
  'drop table nominations',
  'drop table candidates',
  'drop table gathering_protocols',
  'drop table memberships',
  'drop table persons',
  'drop table groups',
  'drop table councils',
  'drop table events',
  'drop function events_refuse_change',
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of up_statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of down_statements) await sql.raw(statement).execute(db);
}
