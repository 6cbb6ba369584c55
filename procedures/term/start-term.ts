// 5.3.1: the group's term procedure, started once per group when the group is created (the formation's hand-over
// after its first meeting) or taken on (an existing group adopted). Idempotent: the workflow id is the group's
// (termWorkflowId) and the engine starts with REJECT_DUPLICATE, so a second start, while it runs or after it ended,
// changes nothing and reports 'already-started' — a success for the caller.
import type { IsoDate } from '../../domain/dates';
import { ProcedureRefusedError } from '../engine';
import { requireEngine, type ProcedureDeps } from '../deps';
import { checkTermInput, termEndOf } from '../../domain/term';
import { termWorkflowId, type TermInput, type TermMember } from '../../workflows/term/contract';

export interface StartTermInput {
  groupId: string;
  councilId: string;
  /** The day the term starts (see domain/term.ts termStartOf: publication or decision date). */
  termStart: IsoDate;
  /** Default: TERM_YEARS after termStart (5.3.1, domain/term.ts termEndOf). */
  termEnd?: IsoDate;
  members: TermMember[];
  chairMembershipId: string | null;
  reminderHour?: number;
}

export interface StartTermResult {
  workflowId: string;
  start: 'started' | 'already-started';
  termStart: IsoDate;
  termEnd: IsoDate;
}

/** Starts the term procedure; bad input (dates, members, chair) is refused with Problems naming field and clause. */
export async function startTerm(deps: Pick<ProcedureDeps, 'engine'>, input: StartTermInput): Promise<StartTermResult> {
  const termEnd = input.termEnd ?? termEndOf(input.termStart);
  const problems = checkTermInput({ ...input, termEnd });
  if (problems.length > 0) throw new ProcedureRefusedError(problems.map((p) => p.message.en).join(' '), problems);
  const engine = requireEngine(deps);
  const args: TermInput = {
    groupId: input.groupId,
    councilId: input.councilId,
    termStart: input.termStart,
    termEnd,
    members: input.members.map((m) => ({ membershipId: m.membershipId, fullName: m.fullName, category: m.category })),
    chairMembershipId: input.chairMembershipId,
    ...(input.reminderHour === undefined ? {} : { reminderHour: input.reminderHour }),
  };
  const workflowId = termWorkflowId(input.groupId);
  const start = await engine.start('termWorkflow', workflowId, [args]);
  return { workflowId, start, termStart: input.termStart, termEnd };
}
