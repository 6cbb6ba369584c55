// The group's summary reports (issue 15 point 2): reading and recording them, the counts drawn from the record
// (meetings, acts and their answers, information requests) and the council's number of days for them.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { IsoDate } from '../domain/dates';
import {
  DEFAULT_REPORT_DUE_DAYS,
  parsePeriodKey,
  periodBounds,
  reportTextsOf,
  reportDue,
  reportFacts,
  type ReportFacts,
  type ReportPeriod,
  type ReportTexts,
  type StoredReportTexts,
} from '../domain/summary-report';
import { type Database, isoDateOf } from './database';
import { streams } from './events';
import { openDataActs, openDataRequests } from './open-data';
import { record } from './record';
import { reportStream } from './report-events';

export interface SummaryReport {
  id: string;
  groupId: string;
  period: ReportPeriod;
  periodKey: string;
  start: IsoDate;
  end: IsoDate;
  due: IsoDate;
  status: 'draft' | 'submitted';
  texts: ReportTexts;
  facts: ReportFacts | null;
  submittedOn: IsoDate | null;
  noticeId: string | null;
  /** 7.2.4: the annual gathering chosen for presenting a yearly report (null: the next one after its submission). */
  presentationMeetingId: string | null;
}

type Row = {
  id: string;
  group_id: string;
  period: string;
  start_date: string;
  end_date: string;
  due_date: string;
  status: 'draft' | 'submitted';
  texts: StoredReportTexts;
  facts: ReportFacts | null;
  submitted_on: string | null;
  notice_id: string | null;
  presentation_meeting_id: string | null;
};

const toReport = (r: Row): SummaryReport => ({
  id: r.id,
  groupId: r.group_id,
  period: parsePeriodKey(r.period)!,
  periodKey: r.period,
  start: isoDateOf(r.start_date)!,
  end: isoDateOf(r.end_date)!,
  due: isoDateOf(r.due_date)!,
  status: r.status,
  texts: reportTextsOf(r.texts),
  facts: r.facts,
  submittedOn: isoDateOf(r.submitted_on),
  noticeId: r.notice_id,
  presentationMeetingId: r.presentation_meeting_id,
});

export async function findReport(db: Kysely<Database>, reportId: string): Promise<SummaryReport | undefined> {
  const row = await db.selectFrom('summary_reports').selectAll().where('id', '=', reportId).executeTakeFirst();
  return row ? toReport(row) : undefined;
}

export async function listGroupReports(
  db: Kysely<Database>,
  groupId: string,
  options: { submittedOnly?: boolean } = {},
): Promise<SummaryReport[]> {
  let query = db.selectFrom('summary_reports').selectAll().where('group_id', '=', groupId);
  if (options.submittedOnly) query = query.where('status', '=', 'submitted');
  return (await query.orderBy('end_date', 'desc').orderBy('period').execute()).map(toReport);
}

export async function reportDueDays(db: Kysely<Database>, councilId: string): Promise<number> {
  const row = await db.selectFrom('councils').select('report_due_days').where('id', '=', councilId).executeTakeFirst();
  return row?.report_due_days ?? DEFAULT_REPORT_DUE_DAYS;
}

export async function setReportDueDays(db: Kysely<Database>, councilId: string, days: number, actor: string) {
  await record(db, {
    stream: streams.council(councilId),
    actor,
    events: [{ type: 'council.report-due-days-set', payload: { councilId, days } }],
  });
}

/**
 * Records report.drafted once per group and period (its business key): a second draft of the same period returns
 * the first. The due date is fixed when drafted, from the council's days at that time.
 */
export async function recordDraftedReport(
  db: Kysely<Database>,
  input: { groupId: string; councilId: string; period: ReportPeriod; periodKey: string },
  actor: string,
): Promise<{ report: SummaryReport; created: boolean }> {
  const reportId = randomUUID();
  const { start, end } = periodBounds(input.period);
  const due = reportDue(input.period, await reportDueDays(db, input.councilId));
  const result = await record(db, {
    stream: reportStream(reportId),
    actor,
    events: [
      {
        type: 'report.drafted',
        idempotencyKey: `report:${input.groupId}:${input.periodKey}`,
        payload: {
          reportId,
          groupId: input.groupId,
          councilId: input.councilId,
          period: input.periodKey,
          start,
          end,
          due,
        },
      },
    ],
  });
  const stored = result.events[0]!;
  const id = stored.type === 'report.drafted' ? stored.payload.reportId : reportId;
  return { report: (await findReport(db, id))!, created: id === reportId };
}

export async function recordReportTexts(db: Kysely<Database>, reportId: string, texts: ReportTexts, actor: string) {
  await record(db, {
    stream: reportStream(reportId),
    actor,
    events: [{ type: 'report.edited', payload: { reportId, texts } }],
  });
}

/** Records report.submitted once (the report's stream holds one submission: its business key). */
export async function recordSubmittedReport(
  db: Kysely<Database>,
  input: { reportId: string; submittedOn: IsoDate; texts: ReportTexts; facts: ReportFacts; noticeId: string | null },
  actor: string,
): Promise<void> {
  await record(db, {
    stream: reportStream(input.reportId),
    actor,
    events: [{ type: 'report.submitted', idempotencyKey: `report:${input.reportId}:submitted`, payload: input }],
  });
}

/** The period's counts from the record as it stands today (frozen into the report when it is submitted). */
export async function draftFacts(
  db: Kysely<Database>,
  groupId: string,
  period: ReportPeriod,
  today: IsoDate,
): Promise<ReportFacts> {
  const [meetings, acts, requests, planItems] = await Promise.all([
    db
      .selectFrom('meetings')
      .select(['status', 'held_on', 'scheduled_on', 'quorate'])
      .where('group_id', '=', groupId)
      .execute(),
    openDataActs(db, groupId, today),
    openDataRequests(db, groupId, today),
    db
      .selectFrom('plan_items')
      .innerJoin('work_plans', 'work_plans.id', 'plan_items.plan_id')
      .select(['plan_items.period_to', 'plan_items.state'])
      .where('work_plans.group_id', '=', groupId)
      .where('work_plans.status', '=', 'approved')
      .execute(),
  ]);
  return reportFacts(
    period,
    {
      meetings: meetings.map((m) => ({
        status: m.status,
        heldOn: isoDateOf(m.held_on),
        scheduledOn: isoDateOf(m.scheduled_on)!,
        quorate: m.quorate,
      })),
      acts: acts.map((a) => ({
        issuedOn: a.issued_on!,
        object: a.object_name ?? '',
        objectAnswer: a.object_answer ?? '',
        executiveReport: a.executive_report ?? '',
      })),
      requests: requests.map((r) => ({ sentOn: r.sent_on!, outcome: r.outcome ?? '' })),
      planItems: planItems.map((i) => ({ periodTo: isoDateOf(i.period_to)!, state: i.state })),
    },
    today,
  );
}

/** Records report.presentation-set: the annual gathering chosen for presenting the yearly report (7.2.4). */
export async function recordReportPresentation(
  db: Kysely<Database>,
  reportId: string,
  meetingId: string,
  actor: string,
): Promise<void> {
  await record(db, {
    stream: reportStream(reportId),
    actor,
    events: [{ type: 'report.presentation-set', payload: { reportId, meetingId } }],
  });
}

export interface GroupGathering {
  id: string;
  groupId: string;
  kind: string;
  status: string;
  scheduledOn: IsoDate;
  startsAt: string | null;
  place: string | null;
}

/** The group's annual gatherings (7.2.4), oldest first. */
export async function groupGatherings(db: Kysely<Database>, groupId: string): Promise<GroupGathering[]> {
  const rows = await db
    .selectFrom('meetings')
    .select(['id', 'group_id', 'kind', 'status', 'scheduled_on', 'starts_at', 'place'])
    .where('group_id', '=', groupId)
    .where('kind', '=', 'annual-gathering')
    .orderBy('scheduled_on')
    .execute();
  return rows.map((m) => ({
    id: m.id,
    groupId: m.group_id,
    kind: m.kind,
    status: m.status,
    scheduledOn: isoDateOf(m.scheduled_on)!,
    startsAt: m.starts_at,
    place: m.place,
  }));
}

/** One meeting of any group, as checkPresentation needs it. */
export async function findGathering(db: Kysely<Database>, meetingId: string): Promise<GroupGathering | undefined> {
  const m = await db
    .selectFrom('meetings')
    .select(['id', 'group_id', 'kind', 'status', 'scheduled_on', 'starts_at', 'place'])
    .where('id', '=', meetingId)
    .executeTakeFirst();
  return m
    ? {
        id: m.id,
        groupId: m.group_id,
        kind: m.kind,
        status: m.status,
        scheduledOn: isoDateOf(m.scheduled_on)!,
        startsAt: m.starts_at,
        place: m.place,
      }
    : undefined;
}
