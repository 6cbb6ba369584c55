// The group's work plan (7.3.1): plans, their items, the executive body's proposals and the acts and information
// requests linked to items. Projected from the plan.* events, so rebuilding the projections restores them.
// Frozen: never import application code here. One statement per execute (PGlite runs no multi-statement strings).
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are typed against Kysely<any>: frozen, independent of the app's Database type */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // The executive body's link to the draft plan is revoked by a fresh one as an act's is: its generations too.
  await sql.raw(`alter table link_generations drop constraint link_generations_subject_check`).execute(db);
  // Rebuilding the projections truncates monitored_objects: no table outside them may reference it (the object's
  // id is checked by the use cases that record a generation).
  await sql
    .raw(`alter table link_generations drop constraint if exists link_generations_party_object_id_fkey`)
    .execute(db);
  await sql
    .raw(
      `alter table link_generations add constraint link_generations_subject_check check (subject ~ '^(act|request|plan):.+')`,
    )
    .execute(db);
  await sql
    .raw(
      `create table work_plans (id text primary key, group_id text not null references groups(id), council_id text not null references councils(id), title text not null, status text not null check (status in ('draft', 'submitted', 'approved')), executive_body_id text references monitored_objects(id), proposals_until date, sent_on date, submitted_on date, approved_session_on date, approved_decision_number text, approved_text text, notice_id text, created_at timestamptz not null)`,
    )
    .execute(db);
  await sql.raw(`create index work_plans_group on work_plans (group_id, created_at)`).execute(db);
  await sql
    .raw(
      `create table plan_proposals (id text primary key, plan_id text not null references work_plans(id), object_id text not null references monitored_objects(id), subject text not null, period_from date not null, period_to date not null, method text not null, note text not null, proposed_on date not null, status text not null check (status in ('open', 'taken', 'declined')), decline_reason text, position integer not null)`,
    )
    .execute(db);
  await sql
    .raw(
      `create table plan_items (id text primary key, plan_id text not null references work_plans(id), position integer not null, object_id text not null references monitored_objects(id), subject text not null, period_from date not null, period_to date not null, method text not null, state text not null check (state in ('planned', 'in-progress', 'done', 'dropped')), drop_reason text, proposal_id text references plan_proposals(id))`,
    )
    .execute(db);
  await sql.raw(`create index plan_items_plan on plan_items (plan_id, position)`).execute(db);
  await sql
    .raw(
      `create table plan_item_links (plan_item_id text not null references plan_items(id), act_id text references acts(id), request_id text references information_requests(id), check ((act_id is null) <> (request_id is null)))`,
    )
    .execute(db);
  await sql
    .raw(`create unique index plan_item_links_act on plan_item_links (plan_item_id, act_id) where act_id is not null`)
    .execute(db);
  await sql
    .raw(
      `create unique index plan_item_links_request on plan_item_links (plan_item_id, request_id) where request_id is not null`,
    )
    .execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`drop table plan_item_links`).execute(db);
  await sql.raw(`drop table plan_items`).execute(db);
  await sql.raw(`drop table plan_proposals`).execute(db);
  await sql.raw(`drop table work_plans`).execute(db);
  await sql.raw(`delete from link_generations where subject like 'plan:%'`).execute(db);
  await sql.raw(`alter table link_generations drop constraint link_generations_subject_check`).execute(db);
  await sql
    .raw(
      `alter table link_generations add constraint link_generations_subject_check check (subject ~ '^(act|request):.+')`,
    )
    .execute(db);
}
