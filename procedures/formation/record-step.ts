// One step of a group's formation (steps.ts): sent to its procedure, whose validators accept or refuse it with the
// clause (ProcedureRefusedError with the Problems; 'already-published', an earlier step missing... are conflicts).
import { formationStateQuery, formationWorkflowId, type FormationState } from '../../workflows/formation/contract';
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
  const result = await requireEngine(deps).update(formationWorkflowId(groupId), s.update, input);
  return s.toResult(result, input);
}

/** The formation now: its step, obligations with due dates, candidates, protocols and the composition check. */
export async function formationState(deps: Pick<ProcedureDeps, 'engine'>, groupId: string): Promise<FormationState> {
  return deps.engine.query(formationWorkflowId(groupId), formationStateQuery);
}
