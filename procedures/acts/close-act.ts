// The chair's close of an act whose obligation escalated (4.3).
import type { IsoDate } from '../../domain/dates';
import { actWorkflowId, closeActUpdate, type ActState } from '../../workflows/act/contract';
import { requireEngine, type ProcedureDeps } from '../deps';

/** The chair closes the act with a reason; the workflow refuses unless an obligation was escalated ('not-escalated'). */
export async function closeAct(
  deps: Pick<ProcedureDeps, 'engine'>,
  input: { actId: string; reason: string; on: IsoDate },
): Promise<NonNullable<ActState['closed']>> {
  return requireEngine(deps).update(actWorkflowId(input.actId), closeActUpdate, { reason: input.reason, on: input.on });
}
