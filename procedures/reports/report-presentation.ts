// 7.2.4: the yearly report is presented at the community's annual gathering. By default the group's next annual
// gathering after the report's submission; staff or the chair may choose another (report.presentation-set).
import {
  findGathering,
  groupGatherings,
  recordReportPresentation,
  type GroupGathering,
  type SummaryReport,
} from '../../db/summary-reports';
import { describeProblems } from '../../domain/problem';
import { checkPresentation, presentationGathering } from '../../domain/summary-report';
import { ProcedureRefusedError } from '../engine';
import { todayIn, type ProcedureDeps } from '../deps';
import { knownReport } from './known-report';

/** The gathering at which the report is (to be) presented, or null (a half-year report, or none scheduled yet). */
export async function reportPresentation(
  deps: Pick<ProcedureDeps, 'db' | 'now'>,
  report: SummaryReport,
): Promise<GroupGathering | null> {
  if (report.period.kind !== 'year') return null;
  return presentationGathering(report, await groupGatherings(deps.db, report.groupId), todayIn(deps));
}

/** Chooses the annual gathering for a yearly report; the same choice again records nothing. */
export async function setReportPresentation(
  deps: Pick<ProcedureDeps, 'db' | 'now'>,
  input: { reportId: string; meetingId: string; actor: string },
): Promise<{ gathering: GroupGathering; changed: boolean }> {
  const report = await knownReport(deps.db, input.reportId);
  const meeting = await findGathering(deps.db, input.meetingId);
  const problems = checkPresentation(report, meeting, input.meetingId);
  if (problems.length > 0) throw new ProcedureRefusedError(describeProblems(problems), problems);
  if (report.presentationMeetingId === meeting!.id) return { gathering: meeting!, changed: false };
  await recordReportPresentation(deps.db, report.id, meeting!.id, input.actor);
  return { gathering: meeting!, changed: true };
}
