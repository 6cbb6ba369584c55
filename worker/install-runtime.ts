// The SDK's process-wide runtime, installed once before the first connection: it owns the shutdown signals.
import { Runtime } from '@temporalio/worker';

/** SIGINT/SIGTERM make the SDK stop polling, let running tasks finish, and resolve Worker.run(). */
export const SHUTDOWN_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];

let installed = false;

export function installRuntime(): void {
  if (installed) return;
  Runtime.install({ shutdownSignals: SHUTDOWN_SIGNALS });
  installed = true;
}
