// The council's answer to the group's recommendations (issue 15 point 3; resolution item 2; 3.1): staff record the
// session that considered an act and the decision on each of its recommendations. Checked whole before anything is
// written; the same session and agenda item again records nothing new.
import { findAct } from '../../db/acts';
import {
  actConsiderations,
  considerationDays,
  recordConsideration,
  setConsiderationDays,
  type ActConsideration,
} from '../../db/considerations';
import {
  checkConsideration,
  checkConsiderationDays,
  type ConsiderationInput,
  type CouncilDecision,
} from '../../domain/council-consideration';
import { describeProblems, problem } from '../../domain/problem';
import { loc } from '../../domain/i18n';
import { ProcedureRefusedError } from '../engine';
import { todayIn, type ProcedureDeps } from '../deps';

export interface RecordConsiderationInput extends ConsiderationInput {
  actId: string;
  actor: string;
}

export async function recordCouncilConsideration(
  deps: Pick<ProcedureDeps, 'db' | 'now'>,
  input: RecordConsiderationInput,
): Promise<{ consideration: ActConsideration; recorded: boolean }> {
  const act = await findAct(deps.db, input.actId);
  if (!act)
    throw new ProcedureRefusedError(`actId: unknown act ${input.actId}`, [
      problem(
        'unknown-act',
        'actId',
        null,
        loc(`${input.actId} деген акт жок.`, `Акта ${input.actId} нет.`, `There is no act ${input.actId}.`),
      ),
    ]);
  // Numbered from 1 as the act lists them (the act's pages and print number them the same way).
  const recommendations = act.draft.recommendations ?? [];
  const problems = checkConsideration(
    input,
    { status: act.status, issuedOn: act.issuedOn, recommendations },
    todayIn(deps),
  );
  if (problems.length > 0) throw new ProcedureRefusedError(describeProblems(problems), problems);
  const { considerationId, recorded } = await recordConsideration(
    deps.db,
    {
      actId: act.id,
      groupId: act.groupId,
      sessionOn: input.sessionOn,
      agendaItem: input.agendaItem,
      decisions: input.decisions.map((d) => ({ ...d, decision: d.decision as CouncilDecision })),
    },
    input.actor,
  );
  const consideration = (await actConsiderations(deps.db, act.id)).find((c) => c.considerationId === considerationId)!;
  return { consideration, recorded };
}

/** The council's own period for considering acts (not statutory; 7 to 365 calendar days). */
export async function setCouncilConsiderationDays(
  deps: Pick<ProcedureDeps, 'db'>,
  input: { councilId: string; days: number; actor: string },
): Promise<{ days: number; changed: boolean }> {
  const problems = checkConsiderationDays(input.days);
  if (problems.length > 0) throw new ProcedureRefusedError(describeProblems(problems), problems);
  const council = await deps.db
    .selectFrom('councils')
    .select('id')
    .where('id', '=', input.councilId)
    .executeTakeFirst();
  if (!council)
    throw new ProcedureRefusedError(`councilId: unknown council ${input.councilId}`, [
      problem(
        'unknown-council',
        'councilId',
        null,
        loc(
          `${input.councilId} кеңеши жок.`,
          `Кенеша ${input.councilId} нет.`,
          `There is no council ${input.councilId}.`,
        ),
      ),
    ]);
  if ((await considerationDays(deps.db, input.councilId)) === input.days) return { days: input.days, changed: false };
  await setConsiderationDays(deps.db, input.councilId, input.days, input.actor);
  return { days: input.days, changed: true };
}
