// What every use case in procedures/ takes first: the database, the engine of the running procedures and the clock.
// The JSON routes and the pages build it from AppDeps (api/acts/common.ts: procedureDeps), the CLI from its database
// and cli/with-engine.ts; a use case never opens a client of its own.
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { bishkekDateOf, type IsoDate } from '../domain/dates';
import { EngineUnavailableError, type ProcedureEngine } from './engine';

/** Where a use case may say what went wrong without failing (a pino logger fits). */
export interface UseCaseLog {
  warn(details: object, message: string): void;
}

export interface ProcedureDeps {
  db: Kysely<Database>;
  engine: ProcedureEngine;
  /** Milliseconds since the epoch. */
  now: () => number;
  log?: UseCaseLog;
}

/** Today in Bishkek by the deps' clock. */
export const todayIn = (deps: Pick<ProcedureDeps, 'now'>): IsoDate => bishkekDateOf(deps.now());

/** The engine, or EngineUnavailableError before anything is written (the API's 503, the CLI's one line). */
export function requireEngine(deps: Pick<ProcedureDeps, 'engine'>): ProcedureEngine {
  if (!deps.engine.available())
    throw new EngineUnavailableError('no procedure engine is reachable now; nothing was written');
  return deps.engine;
}
