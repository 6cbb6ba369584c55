// The SDK's process-wide runtime, installed once before the first connection: it owns the shutdown signals.
import { Runtime } from '@temporalio/worker';

/** SIGINT/SIGTERM make the SDK stop polling, let running tasks finish, and resolve Worker.run(). */
export const SHUTDOWN_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];

let installed = false;

/** Installs the runtime unless this process has one already (e.g. a benchmark's quieter one, which it keeps). */
export function installRuntime(): void {
  if (installed) return;
  try {
    Runtime.install({ shutdownSignals: SHUTDOWN_SIGNALS });
  } catch (error) {
    if (!/already been installed/i.test(error instanceof Error ? error.message : String(error))) throw error;
  }
  installed = true;
}
