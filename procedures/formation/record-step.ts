// One step of a group's formation (steps.ts): sent to its procedure, whose validators accept or refuse it with the
// clause (ProcedureRefusedError with the Problems; 'already-published', an earlier step missing... are conflicts).
// A move of the first meeting sent after the formation ended (the meeting was held, 5.4.6) is refused by the same
// rule the workflow's validator applies, read from the finished procedure's state, rather than "no procedure".
import { checkMoveFirstMeeting } from '../../domain/formation-checks';
import { describeProblems } from '../../domain/problem';
import {
  formationStateQuery,
  formationWorkflowId,
  type FormationState,
  type MoveFirstMeetingInput,
} from '../../workflows/formation/contract';
import { ProcedureNotFoundError, ProcedureRefusedError } from '../engine';
import { requireEngine, type ProcedureDeps } from '../deps';
import { FORMATION_STEPS, type FormationStepName } from './steps';

/** Sends `step` with `input` to the group's formation; its result as steps.ts words it. Nothing is sent without an engine. */
export async function recordFormationStep(
  deps: Pick<ProcedureDeps, 'engine'>,
  groupId: string,
  step: FormationStepName,
  input: unknown,
): Promise<unknown> {
  const s = FORMATION_STEPS[step];
  const engine = requireEngine(deps);
  try {
    const result = await engine.update(formationWorkflowId(groupId), s.update, input);
    return s.toResult(result, input);
  } catch (error) {
    if (step === 'move-first-meeting' && error instanceof ProcedureNotFoundError) {
      const ended = await engine.query(formationWorkflowId(groupId), formationStateQuery).catch(() => undefined);
      if (ended?.firstMeeting) {
        const { problems } = checkMoveFirstMeeting(ended, input as MoveFirstMeetingInput, { today: ended.today });
        throw new ProcedureRefusedError(describeProblems(problems), problems);
      }
    }
    throw error;
  }
}

/** The formation now: its step, obligations with due dates, candidates, protocols and the composition check. */
export async function formationState(deps: Pick<ProcedureDeps, 'engine'>, groupId: string): Promise<FormationState> {
  return deps.engine.query(formationWorkflowId(groupId), formationStateQuery);
}
