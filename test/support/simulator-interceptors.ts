// Bundled into the workflow sandbox by the simulator (workflowInterceptorModules). After every activation it
// reports, through the `simulator` sink, the commands the workflow handed to sdk-core, the workflow clock, and
// the value of every argument-less query handler: the simulator turns the last task's commands into the events
// a server would write, and serves sim.query() from the query values.
import { proxySinks, workflowInfo, type Sinks, type WorkflowInterceptorsFactory } from '@temporalio/workflow';
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

export const interceptors: WorkflowInterceptorsFactory = () => ({
  internals: [
    {
      concludeActivation(input, next) {
        const output = next(input);
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
