// The group's work plan (7.3.1): recording its facts on the plan's stream and reading it back.
import type { Kysely } from 'kysely';
import type { IsoDate } from '../domain/dates';
import type { ItemState, PlanMethod, PlanStatus } from '../domain/work-plan';
import { type Database, isoDateOf } from './database';
import type { PlanEvent } from './plan-events';
import { record } from './record';

export const planStream = (planId: string) => `plan-${planId}`;
/** The subject of the executive body's link to the draft (db/link-generations.ts; the token's "act" field). */
export const planLinkSubject = (planId: string) => `plan:${planId}`;

/** Appends plan events on the plan's stream (the projection updates in the same transaction). */
export async function recordPlan(
  db: Kysely<Database>,
  planId: string,
  events: (PlanEvent & { idempotencyKey?: string })[],
  actor: string,
): Promise<number> {
  const result = await record(db, { stream: planStream(planId), actor, events });
  return result.appended.length;
}

export interface PlanItem {
  id: string;
  position: number;
  objectId: string;
  objectName: { ky: string; ru: string };
  subject: string;
  from: IsoDate;
  to: IsoDate;
  method: PlanMethod;
  state: ItemState;
  dropReason: string | null;
  proposalId: string | null;
  acts: { id: string; number: string | null; title: string }[];
  requests: { id: string }[];
}

export interface PlanProposal {
  id: string;
  objectId: string;
  objectName: { ky: string; ru: string };
  subject: string;
  from: IsoDate;
  to: IsoDate;
  method: PlanMethod;
  note: string;
  proposedOn: IsoDate;
  status: 'open' | 'taken' | 'declined';
  declineReason: string | null;
}

export interface WorkPlan {
  id: string;
  groupId: string;
  councilId: string;
  title: string;
  status: PlanStatus;
  executiveBodyId: string | null;
  proposalsUntil: IsoDate | null;
  sentOn: IsoDate | null;
  submittedOn: IsoDate | null;
  approval: { sessionOn: IsoDate; decisionNumber: string; text: string } | null;
  noticeId: string | null;
  items: PlanItem[];
  proposals: PlanProposal[];
}

export async function findPlan(db: Kysely<Database>, planId: string): Promise<WorkPlan | null> {
  const p = await db.selectFrom('work_plans').selectAll().where('id', '=', planId).executeTakeFirst();
  if (!p) return null;
  const items = await db
    .selectFrom('plan_items')
    .innerJoin('monitored_objects', 'monitored_objects.id', 'plan_items.object_id')
    .selectAll('plan_items')
    .select(['monitored_objects.name as name_ky', 'monitored_objects.name_ru'])
    .where('plan_id', '=', planId)
    .orderBy('position')
    .execute();
  const proposals = await db
    .selectFrom('plan_proposals')
    .innerJoin('monitored_objects', 'monitored_objects.id', 'plan_proposals.object_id')
    .selectAll('plan_proposals')
    .select(['monitored_objects.name as name_ky', 'monitored_objects.name_ru'])
    .where('plan_id', '=', planId)
    .orderBy('position')
    .execute();
  const links =
    items.length === 0
      ? []
      : await db
          .selectFrom('plan_item_links')
          .leftJoin('acts', 'acts.id', 'plan_item_links.act_id')
          .select(['plan_item_links.plan_item_id', 'plan_item_links.act_id', 'plan_item_links.request_id'])
          .select(['acts.number', 'acts.title'])
          .where(
            'plan_item_id',
            'in',
            items.map((i) => i.id),
          )
          .execute();
  return {
    id: p.id,
    groupId: p.group_id,
    councilId: p.council_id,
    title: p.title,
    status: p.status,
    executiveBodyId: p.executive_body_id,
    proposalsUntil: isoDateOf(p.proposals_until),
    sentOn: isoDateOf(p.sent_on),
    submittedOn: isoDateOf(p.submitted_on),
    approval:
      p.status === 'approved'
        ? {
            sessionOn: isoDateOf(p.approved_session_on)!,
            decisionNumber: p.approved_decision_number ?? '',
            text: p.approved_text ?? '',
          }
        : null,
    noticeId: p.notice_id,
    items: items.map((i) => ({
      id: i.id,
      position: i.position,
      objectId: i.object_id,
      objectName: { ky: i.name_ky, ru: i.name_ru ?? i.name_ky },
      subject: i.subject,
      from: isoDateOf(i.period_from)!,
      to: isoDateOf(i.period_to)!,
      method: i.method,
      state: i.state,
      dropReason: i.drop_reason,
      proposalId: i.proposal_id,
      acts: links
        .filter((l) => l.plan_item_id === i.id && l.act_id !== null)
        .map((l) => ({ id: l.act_id!, number: l.number ?? null, title: l.title ?? '' })),
      requests: links
        .filter((l) => l.plan_item_id === i.id && l.request_id !== null)
        .map((l) => ({ id: l.request_id! })),
    })),
    proposals: proposals.map((r) => ({
      id: r.id,
      objectId: r.object_id,
      objectName: { ky: r.name_ky, ru: r.name_ru ?? r.name_ky },
      subject: r.subject,
      from: isoDateOf(r.period_from)!,
      to: isoDateOf(r.period_to)!,
      method: r.method,
      note: r.note,
      proposedOn: isoDateOf(r.proposed_on)!,
      status: r.status,
      declineReason: r.decline_reason,
    })),
  };
}

/** The group's plans, newest first. */
export async function listPlans(
  db: Kysely<Database>,
  groupId: string,
): Promise<{ id: string; title: string; status: PlanStatus }[]> {
  return db
    .selectFrom('work_plans')
    .select(['id', 'title', 'status'])
    .where('group_id', '=', groupId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
}

/** The group's latest plan the council approved (the public one), or null. */
export async function approvedPlan(db: Kysely<Database>, groupId: string): Promise<WorkPlan | null> {
  const row = await db
    .selectFrom('work_plans')
    .select('id')
    .where('group_id', '=', groupId)
    .where('status', '=', 'approved')
    .orderBy('approved_session_on', 'desc')
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  return row ? findPlan(db, row.id) : null;
}
