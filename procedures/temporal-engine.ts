// The engine on a real Temporal server. `npm start` hands it a client when the worker's server is found and takes it
// back when the server goes away (cli/commands/start.ts); in between every action is EngineUnavailableError (503).
import { Client, isGrpcServiceError, WorkflowUpdateFailedError } from '@temporalio/client';
import {
  ApplicationFailure,
  WorkflowExecutionAlreadyStartedError,
  WorkflowIdReusePolicy,
  WorkflowNotFoundError,
  type QueryDefinition,
  type SignalDefinition,
  type UpdateDefinition,
} from '@temporalio/common';
import {
  EngineUnavailableError,
  problemsOf,
  ProcedureNotFoundError,
  ProcedureRefusedError,
  type ProcedureEngine,
} from './engine';

// gRPC status codes that mean "the server cannot be reached or cannot answer now".
const UNAVAILABLE_CODES = new Set([4 /* DEADLINE_EXCEEDED */, 14 /* UNAVAILABLE */, 1 /* CANCELLED */]);

export class TemporalEngine implements ProcedureEngine {
  private client: Client | null = null;

  constructor(private readonly taskQueue: string) {}

  /** The client of the server the worker runs against, or null when there is none. */
  setClient(client: Client | null): void {
    this.client = client;
  }

  available(): boolean {
    return this.client !== null;
  }

  private need(): Client {
    if (this.client === null) throw new EngineUnavailableError('no Temporal server is reachable now');
    return this.client;
  }

  async start(workflowType: string, workflowId: string, args: unknown[]): Promise<'started' | 'already-started'> {
    const client = this.need();
    try {
      // The id is the business key's: a second run of a finished procedure (a closed act, a formation handed over)
      // is refused by the server, as is a second one while it runs (WorkflowExecutionAlreadyStartedError both).
      await client.workflow.start(workflowType, {
        args,
        taskQueue: this.taskQueue,
        workflowId,
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      });
      return 'started';
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) return 'already-started';
      throw translate(error, workflowId);
    }
  }

  async update<Ret, Arg>(workflowId: string, definition: UpdateDefinition<Ret, [Arg]>, arg: Arg): Promise<Ret> {
    try {
      return await this.need()
        .workflow.getHandle(workflowId)
        .executeUpdate(definition, { args: [arg] });
    } catch (error) {
      throw translate(error, workflowId);
    }
  }

  async query<Ret>(workflowId: string, definition: QueryDefinition<Ret, []>): Promise<Ret> {
    try {
      return await this.need().workflow.getHandle(workflowId).query(definition);
    } catch (error) {
      throw translate(error, workflowId);
    }
  }

  async signal<Arg>(workflowId: string, definition: SignalDefinition<[Arg]>, arg: Arg): Promise<void> {
    try {
      await this.need().workflow.getHandle(workflowId).signal(definition, arg);
    } catch (error) {
      throw translate(error, workflowId);
    }
  }
}

/** Temporal's errors as the engine's: refused (with the workflow's problems), not found, unavailable; others as they are. */
export function translate(error: unknown, workflowId: string): unknown {
  if (error instanceof EngineUnavailableError) return error;
  if (error instanceof WorkflowUpdateFailedError) {
    const cause = error.cause;
    if (cause instanceof ApplicationFailure) return new ProcedureRefusedError(cause.message, problemsOf(cause.details));
    return new ProcedureRefusedError(cause?.message ?? error.message, []);
  }
  if (error instanceof WorkflowNotFoundError) return new ProcedureNotFoundError(workflowId);
  if (isGrpcServiceError(error) && UNAVAILABLE_CODES.has(error.code)) return new EngineUnavailableError(error.message);
  const cause = (error as { cause?: unknown } | null)?.cause;
  if (isGrpcServiceError(cause) && UNAVAILABLE_CODES.has(cause.code)) return new EngineUnavailableError(cause.message);
  return error;
}
