// The council's answer to the group's recommendations (issue 15 point 3): recording a session's decisions on an act or
// a summary report (once per act or report, session date and agenda item: a repeated submission records nothing new), reading them back with
// the executive body's report (4.3(4)), and the council's period for considering acts.
import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  considerationState,
  DEFAULT_CONSIDERATION_DAYS,
  type ConsiderationState,
  type CouncilDecision,
} from '../domain/council-consideration';
import { bishkekDateOf, type IsoDate } from '../domain/dates';
import { reportTextsOf } from '../domain/summary-report';
import { type Database, isoDateOf } from './database';
import { CONSIDERATION_SUBJECTS, considerationTables, type ConsiderationSubject } from './consideration-subjects';
import { streams } from './events';
import { record } from './record';

export interface RecordConsiderationInput {
  actId: string;
  groupId: string;
  sessionOn: IsoDate;
  agendaItem: string;
  decisions: { recommendation: number; decision: CouncilDecision; text: string }[];
}

/** Records act.council-considered; the business key is the act, the session's date and its agenda item. */
export function recordConsideration(
  db: Kysely<Database>,
  input: RecordConsiderationInput,
  actor: string,
): Promise<{ considerationId: string; recorded: boolean }> {
  const { actId, ...rest } = input;
  return recordSubjectConsideration(db, 'act', actId, rest, actor);
}

/**
 * Records the subject's council-considered event on its stream; the business key is the subject, the session's date
 * and its agenda item, so the same session and agenda item again records nothing new.
 */
async function recordSubjectConsideration(
  db: Kysely<Database>,
  subject: ConsiderationSubject,
  subjectId: string,
  input: Omit<RecordConsiderationInput, 'actId'>,
  actor: string,
): Promise<{ considerationId: string; recorded: boolean }> {
  const s = CONSIDERATION_SUBJECTS[subject];
  const agendaItem = input.agendaItem.trim();
  const key = `${s.idempotencyPrefix}:${subjectId}:${input.sessionOn}:${createHash('sha256').update(agendaItem).digest('hex').slice(0, 32)}`;
  const considerationId = randomUUID();
  const common = {
    groupId: input.groupId,
    sessionOn: input.sessionOn,
    agendaItem,
    decisions: input.decisions.map((d) => ({ ...d, text: d.text.trim() })),
  };
  const result = await record(db, {
    stream: s.stream(subjectId),
    actor,
    events: [
      subject === 'act'
        ? {
            type: 'act.council-considered',
            idempotencyKey: key,
            payload: { considerationId, actId: subjectId, ...common },
          }
        : {
            type: 'report.council-considered',
            idempotencyKey: key,
            payload: { considerationId, reportId: subjectId, ...common },
          },
    ],
  });
  const stored = result.events[0]!;
  const id =
    stored.type === 'act.council-considered' || stored.type === 'report.council-considered'
      ? stored.payload.considerationId
      : considerationId;
  return { considerationId: id, recorded: id === considerationId };
}

export async function considerationDays(db: Kysely<Database>, councilId: string): Promise<number> {
  const row = await db
    .selectFrom('councils')
    .select('consideration_days')
    .where('id', '=', councilId)
    .executeTakeFirst();
  return row?.consideration_days ?? DEFAULT_CONSIDERATION_DAYS;
}

/** The period of the council the group works for, or null for an unknown group. */
export async function groupConsiderationDays(db: Kysely<Database>, groupId: string): Promise<number | null> {
  const group = await db.selectFrom('groups').select('council_id').where('id', '=', groupId).executeTakeFirst();
  return group ? considerationDays(db, group.council_id) : null;
}

export async function setConsiderationDays(
  db: Kysely<Database>,
  councilId: string,
  days: number,
  actor: string,
): Promise<void> {
  await record(db, {
    stream: streams.council(councilId),
    actor,
    events: [{ type: 'council.consideration-days-set', payload: { councilId, days } }],
  });
}

export interface ActConsideration {
  considerationId: string;
  sessionOn: IsoDate;
  agendaItem: string;
  decisions: { recommendation: number; decision: CouncilDecision; text: string }[];
}

/** The sessions that considered the act, oldest first, each with its decisions in the act's order. */
export function actConsiderations(db: Kysely<Database>, actId: string): Promise<ActConsideration[]> {
  return subjectConsiderations(db, 'act', actId);
}

/** The sessions that considered the act or report, oldest first, each with its decisions in the subject's order. */
async function subjectConsiderations(
  db: Kysely<Database>,
  subject: ConsiderationSubject,
  subjectId: string,
): Promise<ActConsideration[]> {
  const s = CONSIDERATION_SUBJECTS[subject];
  const tables = considerationTables(db);
  const sessions = await tables
    .selectFrom(s.sessions)
    .select(['id', 'session_on', 'agenda_item'])
    .where(s.key, '=', subjectId)
    .orderBy('session_on')
    .orderBy('recorded_at')
    .execute();
  if (sessions.length === 0) return [];
  const decisions = await tables
    .selectFrom(s.decisions)
    .select(['consideration_id', 'recommendation', 'decision', 'text'])
    .where(s.key, '=', subjectId)
    .orderBy('recommendation')
    .execute();
  return sessions.map((c) => ({
    considerationId: c.id,
    sessionOn: isoDateOf(c.session_on)!,
    agendaItem: c.agenda_item,
    decisions: decisions
      .filter((d) => d.consideration_id === c.id)
      .map((d) => ({ recommendation: d.recommendation, decision: d.decision, text: d.text })),
  }));
}

/** Each decision on the given acts or reports with its session's date: what considerationState counts. */
async function decidedOn(
  db: Kysely<Database>,
  subject: ConsiderationSubject,
  subjectIds: string[],
): Promise<Map<string, { sessionOn: IsoDate; recommendation: number; decision: CouncilDecision }[]>> {
  const s = CONSIDERATION_SUBJECTS[subject];
  const rows = await considerationTables(db)
    .selectFrom(`${s.decisions} as d`)
    .innerJoin(`${s.sessions} as c`, 'c.id', 'd.consideration_id')
    .select([`d.${s.key} as subjectId`, 'd.recommendation', 'd.decision', 'c.session_on'])
    .where(`d.${s.key}`, 'in', subjectIds)
    .execute();
  const bySubject = new Map<string, { sessionOn: IsoDate; recommendation: number; decision: CouncilDecision }[]>();
  for (const r of rows)
    bySubject.set(r.subjectId, [
      ...(bySubject.get(r.subjectId) ?? []),
      { sessionOn: isoDateOf(r.session_on)!, recommendation: r.recommendation, decision: r.decision },
    ]);
  return bySubject;
}

/** The executive body's reports on the act (4.3(4)), as recorded: the latest correction of each, oldest first. */
export async function executiveReports(
  db: Kysely<Database>,
  actId: string,
): Promise<{ reportedOn: IsoDate; late: boolean; text: string }[]> {
  const rows = await db
    .selectFrom('responses')
    .select(['id', 'submitted_at', 'late', 'body', 'supersedes_id'])
    .where('act_id', '=', actId)
    .where('kind', '=', 'executive-report')
    .orderBy('submitted_at')
    .execute();
  const superseded = new Set(rows.map((r) => r.supersedes_id).filter((x) => x !== null));
  return rows
    .filter((r) => !superseded.has(r.id))
    .map((r) => ({
      reportedOn: bishkekDateOf(new Date(r.submitted_at).getTime()),
      late: r.late,
      text: r.body,
    }));
}

export interface ActAwaitingCouncil {
  actId: string;
  number: string | null;
  title: string;
  issuedOn: IsoDate;
  state: ConsiderationState;
}

/** The group's issued acts with where each stands with the council (the dashboard flags the overdue ones). */
export async function groupConsiderationStates(
  db: Kysely<Database>,
  groupId: string,
  today: IsoDate,
): Promise<ActAwaitingCouncil[]> {
  const days = await groupConsiderationDays(db, groupId);
  if (days === null) return [];
  const acts = await db
    .selectFrom('acts')
    .select(['id', 'number', 'title', 'issued_on', 'content'])
    .where('group_id', '=', groupId)
    .where('status', 'in', ['issued', 'received', 'closed'])
    .orderBy('issued_on')
    .execute();
  if (acts.length === 0) return [];
  const decided = await decidedOn(
    db,
    'act',
    acts.map((a) => a.id),
  );
  return acts.map((a) => {
    const recommendations = (a.content as { recommendations?: unknown }).recommendations;
    const count = Array.isArray(recommendations) ? recommendations.length : 0;
    const issuedOn = isoDateOf(a.issued_on)!;
    return {
      actId: a.id,
      number: a.number,
      title: a.title,
      issuedOn,
      state: considerationState({ issuedOn, recommendations: count }, decided.get(a.id) ?? [], days, today),
    };
  });
}

// ---- summary reports (8.1): the same decisions on the recommendations a submitted report lists ----

/** Records report.council-considered; the business key is the report, the session's date and its agenda item. */
export function recordReportConsideration(
  db: Kysely<Database>,
  input: Omit<RecordConsiderationInput, 'actId'> & { reportId: string },
  actor: string,
): Promise<{ considerationId: string; recorded: boolean }> {
  const { reportId, ...rest } = input;
  return recordSubjectConsideration(db, 'report', reportId, rest, actor);
}

/** The sessions that considered the report, oldest first, each with its decisions in the report's order. */
export function reportConsiderations(db: Kysely<Database>, reportId: string): Promise<ActConsideration[]> {
  return subjectConsiderations(db, 'report', reportId);
}

export interface ReportAwaitingCouncil {
  reportId: string;
  period: string;
  submittedOn: IsoDate;
  state: ConsiderationState;
}

/**
 * The group's submitted reports that list recommendations, with where each stands with the council (the same period as
 * for acts, counted from the submission; not statutory). A report without recommendations asks the council for nothing.
 */
export async function groupReportConsiderationStates(
  db: Kysely<Database>,
  groupId: string,
  today: IsoDate,
): Promise<ReportAwaitingCouncil[]> {
  const days = await groupConsiderationDays(db, groupId);
  if (days === null) return [];
  const reports = await db
    .selectFrom('summary_reports')
    .select(['id', 'period', 'submitted_on', 'texts'])
    .where('group_id', '=', groupId)
    .where('status', '=', 'submitted')
    .orderBy('submitted_on')
    .execute();
  if (reports.length === 0) return [];
  const decided = await decidedOn(
    db,
    'report',
    reports.map((r) => r.id),
  );
  return reports
    .map((r) => ({ ...r, count: reportTextsOf(r.texts).recommendations.length }))
    .filter((r) => r.count > 0)
    .map((r) => {
      const submittedOn = isoDateOf(r.submitted_on)!;
      return {
        reportId: r.id,
        period: r.period,
        submittedOn,
        state: considerationState(
          { issuedOn: submittedOn, recommendations: r.count },
          decided.get(r.id) ?? [],
          days,
          today,
        ),
      };
    });
}
