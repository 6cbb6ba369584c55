// The group's summary reports (issue 15 point 2; 8.1): the chair (or staff) drafts the report of a half-year or a year
// once it has ended (its procedure then tracks the due date), edits its text parts and submits it; the council sets
// how many days after a period's end a report is due (the regulation sets none).
import { findGroupById } from '../../db/groups';
import {
  findReport,
  recordDraftedReport,
  recordReportTexts,
  reportDueDays,
  setReportDueDays,
  type SummaryReport,
} from '../../db/summary-reports';
import { loc } from '../../domain/i18n';
import { describeProblems, problem, type Problem } from '../../domain/problem';
import {
  checkReportDueDays,
  checkReportForSubmission,
  checkReportPeriod,
  checkReportTexts,
  parsePeriodKey,
  periodKey,
  REPORT_TEXT_PARTS,
  type ReportTextPart,
  type ReportTexts,
} from '../../domain/summary-report';
import {
  reportWorkflowId,
  submitReportUpdate,
  type ReportInput,
  type ReportSubmission,
} from '../../workflows/report/contract';
import { ProcedureRefusedError } from '../engine';
import { requireEngine, todayIn, type ProcedureDeps } from '../deps';

function refuse(problems: Problem[]): void {
  if (problems.length > 0) throw new ProcedureRefusedError(describeProblems(problems), problems);
}

const unknown = (field: string, id: string) =>
  problem('unknown', field, null, loc(`${id} жазылган эмес.`, `${id} не найден.`, `${id} is not recorded.`));

async function existingReport(deps: Pick<ProcedureDeps, 'db'>, reportId: string): Promise<SummaryReport> {
  const report = await findReport(deps.db, reportId);
  if (!report) throw new ProcedureRefusedError(`reportId: unknown report ${reportId}`, [unknown('reportId', reportId)]);
  return report;
}

const submitted = () =>
  problem(
    'already-recorded',
    'report',
    '8.1',
    loc(
      'Отчет жөнөтүлгөн: аны өзгөртүүгө болбойт.',
      'Отчёт отправлен: его нельзя изменить.',
      'The report has been submitted: it cannot be changed.',
    ),
  );

/**
 * Drafts the report of a period that has ended (once per group and period: a second draft returns the first) and
 * starts its procedure, which tracks the due date. Nothing is written without an engine.
 */
export async function draftReport(
  deps: ProcedureDeps,
  input: { groupId: string; period: string; actor: string },
): Promise<{ report: SummaryReport; created: boolean }> {
  const group = await findGroupById(deps.db, input.groupId);
  if (!group) refuse([unknown('groupId', input.groupId)]);
  refuse(checkReportPeriod(input.period, todayIn(deps)));
  const engine = requireEngine(deps);
  const period = parsePeriodKey(input.period)!;
  const { report, created } = await recordDraftedReport(
    deps.db,
    { groupId: group!.id, councilId: group!.council_id, period, periodKey: periodKey(period) },
    input.actor,
  );
  const args: ReportInput = {
    reportId: report.id,
    groupId: report.groupId,
    councilId: group!.council_id,
    period: report.periodKey,
    periodEnd: report.end,
    due: report.due,
  };
  // Started again after a crash between the record and the start: the workflow id makes it the same procedure.
  if (report.status === 'draft') await engine.start('reportWorkflow', reportWorkflowId(report.id), [args]);
  return { report, created };
}

/** The chair's text parts of a draft (any part left out keeps its text). */
export async function editReport(
  deps: Pick<ProcedureDeps, 'db'>,
  input: { reportId: string; texts: Partial<Record<string, unknown>>; actor: string },
): Promise<SummaryReport> {
  const report = await existingReport(deps, input.reportId);
  if (report.status === 'submitted') refuse([submitted()]);
  refuse(checkReportTexts(input.texts));
  const parts = Object.fromEntries(
    REPORT_TEXT_PARTS.map((part) => [
      part,
      typeof input.texts[part] === 'string' ? input.texts[part] : report.texts[part],
    ]),
  ) as Record<ReportTextPart, string>;
  // The recommendations to the council (8.1) the chair lists; the council decides on each once the report is submitted.
  const recommendations = Array.isArray(input.texts.recommendations)
    ? (input.texts.recommendations as string[]).map((r) => r.trim())
    : report.texts.recommendations;
  const texts: ReportTexts = { ...parts, recommendations };
  await recordReportTexts(deps.db, report.id, texts, input.actor);
  return (await findReport(deps.db, report.id))!;
}

/** Submits the report: its procedure freezes the counts, publishes it and mails it, once. */
export async function submitReport(
  deps: ProcedureDeps,
  input: { reportId: string; actor: string },
): Promise<ReportSubmission> {
  const report = await existingReport(deps, input.reportId);
  if (report.status === 'submitted') refuse([submitted()]);
  refuse(checkReportForSubmission(report.texts));
  return requireEngine(deps).update(reportWorkflowId(report.id), submitReportUpdate, {
    on: todayIn(deps),
    actor: input.actor,
  });
}

export async function setCouncilReportDueDays(
  deps: Pick<ProcedureDeps, 'db'>,
  input: { councilId: string; days: number; actor: string },
): Promise<{ days: number; changed: boolean }> {
  refuse(checkReportDueDays(input.days));
  if ((await reportDueDays(deps.db, input.councilId)) === input.days) return { days: input.days, changed: false };
  await setReportDueDays(deps.db, input.councilId, input.days, input.actor);
  return { days: input.days, changed: true };
}
