// The rows of the public open-data files (domain/open-data.ts names their columns): a group's issued acts with the
// statutory answers' outcomes, and its information requests. Drafts are never included; nothing of a person is read.
import { sql, type Kysely } from 'kysely';
import { bishkekDateOf, type IsoDate } from '../domain/dates';
import { answerOutcome } from '../domain/open-data';
import { requestOutcome } from '../domain/request';
import type { Database } from './database';

type Row = Record<string, string | null>;

/** A date column as the driver returns it (Postgres and PGlite: 'YYYY-MM-DD'). */
const date = (value: string | null | undefined): IsoDate | null => (value == null ? null : value.slice(0, 10));

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
    const due = date(obligation?.due_date ?? null);
    const answeredOn = response ? bishkekDateOf(new Date(response.submitted_at).getTime()) : null;
    return { due, answeredOn, outcome: answerOutcome({ due, answeredOn, late: response?.late ?? null }, today) };
  };
  return acts.map((a) => {
    const object = (a.object ?? {}) as { name?: unknown; kind?: unknown };
    const objectAnswer = answer(a.id, 'object-response');
    const report = answer(a.id, 'executive-report');
    return {
      act_number: a.number,
      issued_on: date(a.issued_on),
      object_name: typeof object.name === 'string' ? object.name : '',
      object_kind: typeof object.kind === 'string' ? object.kind : '',
      subject: typeof a.subject === 'string' ? a.subject : '',
      status: a.status,
      received_on: date(a.received_on),
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
    const due = date(r.due_date);
    const outcomeOn = date(r.outcome_on);
    return {
      subject: r.subject,
      object_name: r.name_ru === null || r.name_ru === r.name ? r.name : `${r.name} / ${r.name_ru}`,
      sent_on: date(r.sent_on),
      due,
      outcome_on: outcomeOn,
      outcome: requestOutcome({ outcome: r.outcome, outcomeOn, due }, today),
    };
  });
}
