// The council's answer to a summary report's recommendations (issue 15 point 3; resolution item 2; 3.1; 8.1): staff
// record the session that considered a submitted report and the decision on each recommendation it lists, by the same
// rules as for an act. Checked whole before anything is written; the same session and agenda item again records
// nothing new.
import { recordReportConsideration, reportConsiderations, type ActConsideration } from '../../db/considerations';
import { checkConsideration, type ConsiderationInput, type CouncilDecision } from '../../domain/council-consideration';
import { describeProblems } from '../../domain/problem';
import { ProcedureRefusedError } from '../engine';
import { todayIn, type ProcedureDeps } from '../deps';
import { knownReport } from '../reports/known-report';

export interface RecordReportConsiderationInput extends ConsiderationInput {
  reportId: string;
  actor: string;
}

export async function recordReportCouncilConsideration(
  deps: Pick<ProcedureDeps, 'db' | 'now'>,
  input: RecordReportConsiderationInput,
): Promise<{ consideration: ActConsideration; recorded: boolean }> {
  const report = await knownReport(deps.db, input.reportId);
  // Numbered from 1 as the report lists them; frozen at the submission with the counts.
  const problems = checkConsideration(
    input,
    {
      kind: 'report',
      status: report.status,
      issuedOn: report.submittedOn,
      recommendations: report.texts.recommendations,
    },
    todayIn(deps),
  );
  if (problems.length > 0) throw new ProcedureRefusedError(describeProblems(problems), problems);
  const { considerationId, recorded } = await recordReportConsideration(
    deps.db,
    {
      reportId: report.id,
      groupId: report.groupId,
      sessionOn: input.sessionOn,
      agendaItem: input.agendaItem,
      decisions: input.decisions.map((d) => ({ ...d, decision: d.decision as CouncilDecision })),
    },
    input.actor,
  );
  const consideration = (await reportConsiderations(deps.db, report.id)).find(
    (c) => c.considerationId === considerationId,
  )!;
  return { consideration, recorded };
}
