// What the use cases of procedures/ take (the database, the engine, the clock, the data directory), built from the
// app's deps for the routes and pages of every procedure.
import type { ProcedureDeps, UseCaseLog } from '../procedures/deps';
import { unavailableEngine } from '../procedures/engine';
import type { AppDeps } from './app-types';

/** The use cases' deps from the app's (and the request's logger, for what a use case notes without failing). */
export const procedureDeps = (deps: AppDeps, log?: UseCaseLog): ProcedureDeps & { dataDir: string } => ({
  db: deps.db,
  engine: deps.engine ?? unavailableEngine,
  now: deps.clock ?? Date.now,
  dataDir: deps.config.dataDir,
  ...(log ? { log } : {}),
});
