// Projection: the group's work plan (7.3.1): plans, items, the executive body's proposals, the acts and requests
// linked to items.
import type { Transaction, Updateable } from 'kysely';
import type { Database } from '../database';
import type { PlanEvent } from '../plan-events';
import type { WorkPlansTable } from '../plan-tables';
import { expectOne } from './expect-one';
import type { Stored } from './stored';

async function nextPosition(trx: Transaction<Database>, table: 'plan_items' | 'plan_proposals', planId: string) {
  const row = await trx
    .selectFrom(table)
    .select((eb) => eb.fn.max('position').as('n'))
    .where('plan_id', '=', planId)
    .executeTakeFirst();
  return Number(row?.n ?? 0) + 1;
}

export async function apply(trx: Transaction<Database>, event: Stored<PlanEvent>): Promise<void> {
  const updatePlan = async (planId: string, set: Updateable<WorkPlansTable>) =>
    expectOne(
      await trx.updateTable('work_plans').set(set).where('id', '=', planId).executeTakeFirst(),
      'work_plans',
      planId,
    );
  switch (event.type) {
    case 'plan.drafted': {
      const p = event.payload;
      await trx
        .insertInto('work_plans')
        .values({
          id: p.planId,
          group_id: p.groupId,
          council_id: p.councilId,
          title: p.title,
          status: 'draft',
          executive_body_id: null,
          proposals_until: null,
          sent_on: null,
          submitted_on: null,
          approved_session_on: null,
          approved_decision_number: null,
          approved_text: null,
          notice_id: null,
          created_at: event.occurredAt,
        })
        .execute();
      return;
    }
    case 'plan.item-added': {
      const p = event.payload;
      await trx
        .insertInto('plan_items')
        .values({
          id: p.itemId,
          plan_id: p.planId,
          position: await nextPosition(trx, 'plan_items', p.planId),
          object_id: p.objectId,
          subject: p.subject,
          period_from: p.from,
          period_to: p.to,
          method: p.method,
          state: 'planned',
          drop_reason: null,
          proposal_id: p.proposalId,
        })
        .execute();
      if (p.proposalId !== null)
        expectOne(
          await trx
            .updateTable('plan_proposals')
            .set({ status: 'taken' })
            .where('id', '=', p.proposalId)
            .executeTakeFirst(),
          'plan_proposals',
          p.proposalId,
        );
      return;
    }
    case 'plan.sent': {
      const p = event.payload;
      await updatePlan(p.planId, {
        executive_body_id: p.executiveBodyId,
        proposals_until: p.proposalsUntil,
        sent_on: p.sentOn,
      });
      return;
    }
    case 'plan.proposal-made': {
      const p = event.payload;
      await trx
        .insertInto('plan_proposals')
        .values({
          id: p.proposalId,
          plan_id: p.planId,
          object_id: p.objectId,
          subject: p.subject,
          period_from: p.from,
          period_to: p.to,
          method: p.method,
          note: p.note,
          proposed_on: p.proposedOn,
          status: 'open',
          decline_reason: null,
          position: await nextPosition(trx, 'plan_proposals', p.planId),
        })
        .execute();
      return;
    }
    case 'plan.proposal-declined': {
      const p = event.payload;
      expectOne(
        await trx
          .updateTable('plan_proposals')
          .set({ status: 'declined', decline_reason: p.reason })
          .where('id', '=', p.proposalId)
          .executeTakeFirst(),
        'plan_proposals',
        p.proposalId,
      );
      return;
    }
    case 'plan.submitted':
      await updatePlan(event.payload.planId, { status: 'submitted', submitted_on: event.payload.submittedOn });
      return;
    case 'plan.approved': {
      const p = event.payload;
      await updatePlan(p.planId, {
        status: 'approved',
        approved_session_on: p.sessionOn,
        approved_decision_number: p.decisionNumber,
        approved_text: p.text,
        notice_id: p.noticeId,
      });
      return;
    }
    case 'plan.item-state-changed': {
      const p = event.payload;
      expectOne(
        await trx
          .updateTable('plan_items')
          .set({ state: p.state, drop_reason: p.state === 'dropped' ? p.reason : null })
          .where('id', '=', p.itemId)
          .executeTakeFirst(),
        'plan_items',
        p.itemId,
      );
      return;
    }
    case 'plan.item-linked': {
      const p = event.payload;
      await trx
        .insertInto('plan_item_links')
        .values({ plan_item_id: p.itemId, act_id: p.actId, request_id: p.requestId })
        .execute();
      return;
    }
  }
}
