// Routes each stored event to the projection of its family. Runs inside the append's transaction.
import type { Transaction } from 'kysely';
import type { Database } from '../database';
import type { StoredEvent } from '../events';
import * as acts from './acts';
import * as calendar from './calendar';
import * as candidates from './candidates';
import * as considerations from './considerations';
import * as reports from './reports';
import * as plans from './plans';
import * as councilSettings from './council-settings';
import * as groups from './groups';
import * as meetings from './meetings';
import * as members from './members';
import * as notices from './notices';
import * as obligations from './obligations';
import * as objectEdits from './object-edits';
import * as terms from './terms';
import * as requests from '../requests-projection';
import * as conflicts from './conflicts';
import * as replacementPeriods from './replacement-periods';

/** Every table that is a pure function of the event log, children before parents (rebuild truncates them). */
export const projectionTables = [
  'conflict_removals',
  'conflict_declarations',
  'calendar_entries',
  'plan_item_links',
  'plan_items',
  'plan_proposals',
  'work_plans',
  'recommendation_decisions',
  'report_recommendation_decisions',
  'report_considerations',
  'summary_reports',
  'act_considerations',
  'meeting_attendance',
  'meeting_decisions',
  'term_notices',
  'group_terms',
  'information_requests',
  'meetings',
  'notices',
  'obligation_reminders',
  'obligation_status_changes',
  'responses',
  'obligations',
  'act_annexes',
  'acts',
  'monitored_objects',
  'nominations',
  'candidates',
  'gathering_protocols',
  'memberships',
  'persons',
  'group_adoptions',
  'groups',
  'councils',
] as const satisfies readonly (keyof Database)[];

export type ProjectionTable = (typeof projectionTables)[number];

export async function project(trx: Transaction<Database>, event: StoredEvent): Promise<void> {
  switch (event.type) {
    case 'council.registered':
    case 'council.retention-set':
    case 'group.opened':
    case 'group.created':
    case 'group.status-changed':
    case 'group.adopted':
      return groups.apply(trx, event);
    case 'council.cadence-reading-set':
      return councilSettings.apply(trx, event);
    case 'member.added':
    case 'member.removed':
    case 'member.role-changed':
    case 'person.data-erased':
      return members.apply(trx, event);
    case 'gathering.protocol-recorded':
    case 'candidate.nominated':
    case 'candidate.withdrawn':
    case 'candidate.appointed':
      return candidates.apply(trx, event);
    case 'object.registered':
    case 'object.calendar-set':
    case 'act.drafted':
    case 'act.updated':
    case 'act.annex-attached':
    case 'act.annex-removed':
    case 'act.issued':
    case 'act.received':
    case 'act.closed':
    case 'response.recorded':
    case 'response.forwarded':
      return acts.apply(trx, event);
    case 'object.edited':
    case 'object.deactivated':
    case 'object.reactivated':
      return objectEdits.apply(trx, event);
    case 'obligation.opened':
    case 'obligation.due-date-changed':
    case 'obligation.status-changed':
    case 'obligation.reminder-sent':
      return obligations.apply(trx, event);
    case 'request.written':
    case 'request.received':
    case 'request.due-changed':
    case 'request.extended':
    case 'request.answered':
    case 'request.refused':
    case 'request.escalated':
      return requests.apply(trx, event);
    case 'report.drafted':
    case 'report.edited':
    case 'report.submitted':
    case 'report.presentation-set':
    case 'council.report-due-days-set':
      return reports.apply(trx, event);
    case 'act.council-considered':
    case 'report.council-considered':
    case 'council.consideration-days-set':
      return considerations.apply(trx, event);
    case 'plan.drafted':
    case 'plan.item-added':
    case 'plan.sent':
    case 'plan.proposal-made':
    case 'plan.proposal-declined':
    case 'plan.submitted':
    case 'plan.approved':
    case 'plan.item-state-changed':
    case 'plan.item-linked':
      return plans.apply(trx, event);
    case 'notice.published':
      return notices.apply(trx, event);
    case 'meeting.scheduled':
    case 'meeting.held':
    case 'meeting.cancelled':
    case 'meeting.moved':
    case 'meeting.attendance-recorded':
    case 'meeting.minutes-recorded':
    case 'meeting.decision-recorded':
      return meetings.apply(trx, event);
    case 'term.started':
    case 'term.cadence-warned':
    case 'term.reminder-sent':
    case 'term.ended':
      return terms.apply(trx, event);
    case 'term.vacancy-opened':
    case 'term.replacement-nominated':
    case 'term.replacement-appointed':
      // 5.4.8: the record itself; the memberships change with member.removed / member.added (members.ts).
      return;
    case 'term.members-added':
      // 5.4.5: the council's decision adding members; the memberships are member.added facts (members.ts).
      return;
    case 'council.replacement-periods-set':
      return replacementPeriods.apply(trx, event);
    case 'calendar.entry-set':
    case 'calendar.entry-removed':
      return calendar.apply(trx, event);
    case 'conflict.declared':
    case 'conflict.removal-recorded':
      return conflicts.apply(trx, event);
    default: {
      const unknown: never = event;
      throw new Error(`no projection for event type ${(unknown as { type: string }).type}`);
    }
  }
}
