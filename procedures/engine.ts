// The one door from the use cases to the running procedures: start a workflow, send it an update, query or signal it.
// Routes hold a ProcedureEngine and the typed definitions exported from workflows/*/contract.ts; they never see a
// Temporal client. The implementation is temporal-engine.ts on a real server (`npm start`; in the tests Temporal's
// time-skipping test server, test/support/time-skipping-engine.ts). Every failure is one of the errors below, which
// api/engine-errors.ts turns into 503 / 404 / 409 / 400 with the workflow's own words.
import type { QueryDefinition, SignalDefinition, UpdateDefinition } from '@temporalio/common';
import type { Problem } from '../domain/problem';

export type ProcedureWorkflowType =
  'formationWorkflow' | 'actWorkflow' | 'requestWorkflow' | 'termWorkflow' | 'reportWorkflow' | 'conflictWorkflow';

export interface ProcedureEngine {
  /** Whether an action could be sent now (a quick look, no network round trip); pages use it to say 503 up front. */
  available(): boolean;
  /**
   * Starts `workflowType` as `workflowId` (derived from the business key: actWorkflowId, formationWorkflowId);
   * 'already-started' when one with that id runs or has run (nothing changes): a finished procedure never runs twice.
   */
  start(
    workflowType: ProcedureWorkflowType,
    workflowId: string,
    args: unknown[],
  ): Promise<'started' | 'already-started'>;
  /** Sends an update (every update of ours takes one argument) and waits for its result; a validator's refusal is a ProcedureRefusedError. */
  update<Ret, Arg>(workflowId: string, definition: UpdateDefinition<Ret, [Arg]>, arg: Arg): Promise<Ret>;
  query<Ret>(workflowId: string, definition: QueryDefinition<Ret, []>): Promise<Ret>;
  signal<Arg>(workflowId: string, definition: SignalDefinition<[Arg]>, arg: Arg): Promise<void>;
}

/** No Temporal server is reachable now: nothing was sent, nothing written. */
export class EngineUnavailableError extends Error {
  override name = 'EngineUnavailableError';
}

/** No workflow with this id runs (never started, or finished). */
export class ProcedureNotFoundError extends Error {
  override name = 'ProcedureNotFoundError';
  constructor(readonly workflowId: string) {
    super(`no procedure ${workflowId} is running`);
  }
}

/** One reason a procedure refused (a workflow's validator, or its use case in procedures/): domain/problem.ts. */
export type ProcedureProblem = Problem;

/** The procedure refused the action (a workflow's validator or handler, or its use case): nothing was recorded. */
export class ProcedureRefusedError extends Error {
  override name = 'ProcedureRefusedError';
  constructor(
    message: string,
    readonly problems: readonly ProcedureProblem[],
  ) {
    super(message);
  }
}

/** The engine of a product run without Temporal (and the default of buildApp): every action is unavailable. */
export const unavailableEngine: ProcedureEngine = {
  available: () => false,
  start: () => Promise.reject(new EngineUnavailableError('no Temporal server')),
  update: () => Promise.reject(new EngineUnavailableError('no Temporal server')),
  query: () => Promise.reject(new EngineUnavailableError('no Temporal server')),
  signal: () => Promise.reject(new EngineUnavailableError('no Temporal server')),
};

/** Reads a refusal's problems from an ApplicationFailure's details (the workflows put them there as details[0]). */
export function problemsOf(details: readonly unknown[] | null | undefined): ProcedureProblem[] {
  const first = details?.[0];
  if (!Array.isArray(first)) return [];
  return first.filter(
    (p): p is ProcedureProblem =>
      typeof p === 'object' &&
      p !== null &&
      typeof (p as ProcedureProblem).code === 'string' &&
      typeof (p as ProcedureProblem).field === 'string' &&
      typeof (p as ProcedureProblem).message === 'object',
  );
}
