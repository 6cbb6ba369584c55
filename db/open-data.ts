// The rows of the public open-data files (domain/open-data.ts names their columns): a group's issued acts with the
// statutory answers' outcomes, and its information requests. Drafts are never included; nothing of a person is read.
import { sql, type Kysely } from 'kysely';
import { bishkekDateOf, type IsoDate } from '../domain/dates';
import { answerOutcome } from '../domain/open-data';
import { requestOutcome } from '../domain/request';
import { reportTextsOf } from '../domain/summary-report';
import { type Database, isoDateOf } from './database';

type Row = Record<string, string | null>;

const PUBLIC_ACT_STATUSES = ['issued', 'received', 'closed'] as const;

/** The group's issued acts, oldest first, each with its object's answer (4.3(3)) and the executive body's report (4.3(4)). */
export async function openDataActs(db: Kysely<Database>, groupId: string, today: IsoDate): Promise<Row[]> {
  const acts = await db
    .selectFrom('acts')
    .select(['id', 'number', 'status', 'issued_on', 'received_on'])
    .select(sql<unknown>`content->'subject'`.as('subject'))
    .select(sql<unknown>`content->'object'`.as('object'))
    .where('group_id', '=', groupId)
    .where('status', 'in', PUBLIC_ACT_STATUSES)
    .orderBy('issued_on')
    .orderBy('number')
    .execute();
  if (acts.length === 0) return [];
  const ids = acts.map((a) => a.id);
  const obligations = await db
    .selectFrom('obligations')
    .select(['act_id', 'key', 'due_date', 'status', 'opened_at'])
    .where('act_id', 'in', ids)
    .where('status', '!=', 'cancelled')
    .orderBy('opened_at')
    .execute();
  const responses = await db
    .selectFrom('responses')
    .select(['act_id', 'kind', 'submitted_at', 'late', 'id', 'supersedes_id'])
    .where('act_id', 'in', ids)
    .orderBy('submitted_at')
    .execute();
  const answer = (actId: string, key: 'object-response' | 'executive-report') => {
    // The latest count of that answer (a recount after a calendar change replaces the row's due date in place).
    const obligation = obligations.filter((o) => o.act_id === actId && o.key === key).at(-1);
    // The first response counts for the deadline; a later one superseding it is a correction, not a new answer.
    const response = responses.find((r) => r.act_id === actId && r.kind === key && r.supersedes_id === null);
    const due = isoDateOf(obligation?.due_date ?? null);
    const answeredOn = response ? bishkekDateOf(new Date(response.submitted_at).getTime()) : null;
    return { due, answeredOn, outcome: answerOutcome({ due, answeredOn, late: response?.late ?? null }, today) };
  };
  return acts.map((a) => {
    const object = (a.object ?? {}) as { name?: unknown; kind?: unknown };
    const objectAnswer = answer(a.id, 'object-response');
    const report = answer(a.id, 'executive-report');
    return {
      act_number: a.number,
      issued_on: isoDateOf(a.issued_on),
      object_name: typeof object.name === 'string' ? object.name : '',
      object_kind: typeof object.kind === 'string' ? object.kind : '',
      subject: typeof a.subject === 'string' ? a.subject : '',
      status: a.status,
      received_on: isoDateOf(a.received_on),
      object_answer_due: objectAnswer.due,
      object_answered_on: objectAnswer.answeredOn,
      // An act about the executive body has no separate object's answer: its report is the answer (4.3(4)).
      object_answer: object.kind === 'executive_body' ? '' : objectAnswer.outcome,
      executive_report_due: report.due,
      executive_reported_on: report.answeredOn,
      executive_report: report.outcome,
    };
  });
}

/** The group's information requests, oldest first, with the same outcome words as the public list (domain/request.ts). */
export async function openDataRequests(db: Kysely<Database>, groupId: string, today: IsoDate): Promise<Row[]> {
  const rows = await db
    .selectFrom('information_requests')
    .innerJoin('monitored_objects', 'monitored_objects.id', 'information_requests.object_id')
    .select([
      'information_requests.subject',
      'information_requests.sent_on',
      'information_requests.due_date',
      'information_requests.outcome',
      'information_requests.outcome_on',
      'monitored_objects.name',
      'monitored_objects.name_ru',
    ])
    .where('information_requests.group_id', '=', groupId)
    .orderBy('information_requests.sent_on')
    .orderBy('information_requests.created_at')
    .execute();
  return rows.map((r) => {
    const due = isoDateOf(r.due_date);
    const outcomeOn = isoDateOf(r.outcome_on);
    return {
      subject: r.subject,
      object_name: r.name_ru === null || r.name_ru === r.name ? r.name : `${r.name} / ${r.name_ru}`,
      sent_on: isoDateOf(r.sent_on),
      due,
      outcome_on: outcomeOn,
      outcome: requestOutcome({ outcome: r.outcome, outcomeOn, due }, today),
    };
  });
}

/** The items of the group's approved work plans (7.3.1), in the plan's order, with how many acts and requests serve each. */
export async function openDataPlanItems(db: Kysely<Database>, groupId: string): Promise<Row[]> {
  const items = await db
    .selectFrom('plan_items')
    .innerJoin('work_plans', 'work_plans.id', 'plan_items.plan_id')
    .innerJoin('monitored_objects', 'monitored_objects.id', 'plan_items.object_id')
    .select([
      'plan_items.id',
      'work_plans.title',
      'work_plans.approved_session_on',
      'work_plans.approved_decision_number',
      'monitored_objects.name',
      'plan_items.subject',
      'plan_items.period_from',
      'plan_items.period_to',
      'plan_items.method',
      'plan_items.state',
      'plan_items.drop_reason',
    ])
    .where('work_plans.group_id', '=', groupId)
    .where('work_plans.status', '=', 'approved')
    .orderBy('work_plans.approved_session_on')
    .orderBy('plan_items.position')
    .execute();
  if (items.length === 0) return [];
  const links = await db
    .selectFrom('plan_item_links')
    .select(['plan_item_id', 'act_id', 'request_id'])
    .where(
      'plan_item_id',
      'in',
      items.map((i) => i.id),
    )
    .execute();
  return items.map((i) => ({
    plan_title: i.title,
    approved_on: isoDateOf(i.approved_session_on),
    decision_number: i.approved_decision_number,
    object_name: i.name,
    subject: i.subject,
    period_from: isoDateOf(i.period_from),
    period_to: isoDateOf(i.period_to),
    method: i.method,
    state: i.state,
    drop_reason: i.drop_reason,
    acts_linked: String(links.filter((l) => l.plan_item_id === i.id && l.act_id !== null).length),
    requests_linked: String(links.filter((l) => l.plan_item_id === i.id && l.request_id !== null).length),
  }));
}

/** The group's submitted reports (8.1) with their frozen counts, oldest first. */
export async function openDataReports(db: Kysely<Database>, groupId: string): Promise<Row[]> {
  const rows = await db
    .selectFrom('summary_reports')
    .select(['period', 'due_date', 'submitted_on', 'facts'])
    .where('group_id', '=', groupId)
    .where('status', '=', 'submitted')
    .orderBy('end_date')
    .orderBy('period')
    .execute();
  return rows.map((r) => {
    const f = r.facts!;
    const requests = Object.values(f.requests).reduce((a, b) => a + b, 0);
    return {
      period: r.period,
      due: isoDateOf(r.due_date),
      submitted_on: isoDateOf(r.submitted_on),
      meetings_held: String(f.meetings.held),
      meetings_quorate: String(f.meetings.quorate),
      acts_issued: String(f.acts.issued),
      object_answers_on_time: String(f.objectAnswers['answered-on-time']),
      object_answers_late: String(f.objectAnswers['answered-late']),
      object_answers_missing: String(f.objectAnswers.unanswered),
      requests_sent: String(requests),
    };
  });
}

/**
 * The council's decisions on the recommendations of the group's acts, by act, session and recommendation, then those of
 * its summary reports (8.1), by report, session and recommendation; `subject` says which.
 */
export async function openDataCouncilDecisions(db: Kysely<Database>, groupId: string): Promise<Row[]> {
  const rows = await db
    .selectFrom('recommendation_decisions')
    .innerJoin('act_considerations', 'act_considerations.id', 'recommendation_decisions.consideration_id')
    .innerJoin('acts', 'acts.id', 'recommendation_decisions.act_id')
    .select([
      'acts.number',
      'acts.issued_on',
      'acts.content',
      'act_considerations.session_on',
      'act_considerations.agenda_item',
      'act_considerations.recorded_at',
      'recommendation_decisions.recommendation',
      'recommendation_decisions.decision',
      'recommendation_decisions.text',
    ])
    .where('acts.group_id', '=', groupId)
    .orderBy('acts.issued_on')
    .orderBy('acts.number')
    .orderBy('act_considerations.session_on')
    .orderBy('recommendation_decisions.recommendation')
    .execute();
  const acts = rows.map((r) => {
    const recommendations = (r.content as { recommendations?: unknown }).recommendations;
    const text: unknown = Array.isArray(recommendations)
      ? (recommendations as unknown[])[r.recommendation - 1]
      : undefined;
    return {
      subject: 'act',
      act_number: r.number,
      report_period: null,
      recommendation: String(r.recommendation),
      recommendation_text: typeof text === 'string' ? text : '',
      session_on: isoDateOf(r.session_on),
      agenda_item: r.agenda_item,
      decision: r.decision,
      text: r.text,
    };
  });
  const reportRows = await db
    .selectFrom('report_recommendation_decisions')
    .innerJoin('report_considerations', 'report_considerations.id', 'report_recommendation_decisions.consideration_id')
    .innerJoin('summary_reports', 'summary_reports.id', 'report_recommendation_decisions.report_id')
    .select([
      'summary_reports.period',
      'summary_reports.texts',
      'report_considerations.session_on',
      'report_considerations.agenda_item',
      'report_recommendation_decisions.recommendation',
      'report_recommendation_decisions.decision',
      'report_recommendation_decisions.text',
    ])
    .where('summary_reports.group_id', '=', groupId)
    .orderBy('summary_reports.end_date')
    .orderBy('summary_reports.period')
    .orderBy('report_considerations.session_on')
    .orderBy('report_recommendation_decisions.recommendation')
    .execute();
  const reports = reportRows.map((r) => ({
    subject: 'report',
    act_number: null,
    report_period: r.period,
    recommendation: String(r.recommendation),
    recommendation_text: reportTextsOf(r.texts).recommendations[r.recommendation - 1] ?? '',
    session_on: isoDateOf(r.session_on),
    agenda_item: r.agenda_item,
    decision: r.decision,
    text: r.text,
  }));
  return [...acts, ...reports];
}
