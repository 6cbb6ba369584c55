// Bundled into the workflow sandbox by the simulator (workflowInterceptorModules). After every activation it
// reports, through the `simulator` sink, the commands the workflow handed to sdk-core, the workflow clock, and
// the value of every argument-less query handler: the simulator turns the last task's commands into the events
// a server would write, and serves sim.query() from the query values.
import { proxySinks, TemporalFailure, workflowInfo, type Sinks, type WorkflowInterceptorsFactory } from '@temporalio/workflow';
import { getActivator } from '@temporalio/workflow/lib/global-attributes';

export interface ActivationReport {
  /** workflowInfo().historyLength: the WorkflowTaskStarted event id of the task this activation belongs to. */
  historyLength: number;
  isReplaying: boolean;
  /** Date.now() inside the workflow at the end of the activation. */
  workflowNow: number;
  /** coresdk.workflow_commands.IWorkflowCommand[], with Long numbers turned into plain numbers. */
  commands: unknown[];
  queries: Record<string, { ok: true; value: unknown } | { ok: false; error: string }>;
  /** Set when the activation failed the workflow task (e.g. a plain Error thrown by an update handler). */
  taskFailure?: string;
}

export interface SimulatorSinks extends Sinks {
  simulator: { activation(report: ActivationReport): void };
}

const { simulator } = proxySinks<SimulatorSinks>();

function plain(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength));
  if (Array.isArray(value)) return value.map(plain);
  const o = value as Record<string, unknown>;
  if (typeof o.low === 'number' && typeof o.high === 'number' && typeof o.toNumber === 'function') {
    return (o.toNumber as () => number)();
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = plain(v);
  return out;
}

function evaluateQueries(): ActivationReport['queries'] {
  const queries: ActivationReport['queries'] = {};
  for (const [name, { handler }] of getActivator().queryHandlers) {
    if (name.startsWith('__')) continue;
    try {
      queries[name] = { ok: true, value: plain(handler()) };
    } catch (err) {
      queries[name] = { ok: false, error: err instanceof Error ? err.message : String(err) };
    }
  }
  return queries;
}

function reportTaskFailure(err: unknown): void {
  const info = workflowInfo();
  const taskFailure = err instanceof Error ? err.message : String(err);
  simulator.activation({ historyLength: info.historyLength, isReplaying: info.unsafe.isReplaying, workflowNow: Date.now(), commands: [], queries: {}, taskFailure });
}

export const interceptors: WorkflowInterceptorsFactory = () => ({
  inbound: [
    {
      // An update handler's non-Temporal error fails the workflow task after the activation's microtasks, where
      // no internals interceptor sees it: report it here so the simulator can name it. The handler's own promise
      // is returned untouched: an extra await here would change the order of commands (and so the history).
      handleUpdate(input, next) {
        const result = next(input);
        result.catch((err: unknown) => {
          if (!(err instanceof TemporalFailure)) reportTaskFailure(err);
        });
        return result;
      },
    },
  ],
  internals: [
    {
      activate(input, next) {
        try {
          next(input);
        } catch (err) {
          reportTaskFailure(err);
          throw err;
        }
      },
      concludeActivation(input, next) {
        let output: ReturnType<typeof next>;
        try {
          output = next(input);
        } catch (err) {
          reportTaskFailure(err);
          throw err;
        }
        const info = workflowInfo();
        simulator.activation({
          historyLength: info.historyLength,
          isReplaying: info.unsafe.isReplaying,
          workflowNow: Date.now(),
          commands: output.commands.map(plain),
          queries: evaluateQueries(),
        });
        return output;
      },
    },
  ],
});
