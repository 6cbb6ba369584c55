// Where the group's term stands (5.3.1, 7.2): the procedure's query (an ended term's procedure still answers with its
// last state, status 'term-ended'), or none when no term procedure was started for the group or the engine is away
// (the meetings and the term are then read from Postgres: the meetings and group_terms tables).
import { EngineUnavailableError, ProcedureNotFoundError } from '../engine';
import type { ProcedureDeps } from '../deps';
import { termStateQuery, termWorkflowId, type TermState } from '../../workflows/term/contract';

export type TermStateResult =
  { source: 'procedure'; state: TermState } | { source: 'none'; reason: 'not-started-or-ended' | 'engine-away' };

export async function termState(
  deps: Pick<ProcedureDeps, 'engine' | 'log'>,
  input: { groupId: string },
): Promise<TermStateResult> {
  if (!deps.engine.available()) return { source: 'none', reason: 'engine-away' };
  try {
    return { source: 'procedure', state: await deps.engine.query(termWorkflowId(input.groupId), termStateQuery) };
  } catch (error) {
    if (error instanceof ProcedureNotFoundError) return { source: 'none', reason: 'not-started-or-ended' };
    if (error instanceof EngineUnavailableError) return { source: 'none', reason: 'engine-away' };
    deps.log?.warn({ err: error, groupId: input.groupId }, 'term state query failed');
    return { source: 'none', reason: 'engine-away' };
  }
}
