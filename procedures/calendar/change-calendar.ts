// Changing the working-day calendar (a national entry, or a council's) and telling the running procedures of the
// scope, which recount their open deadlines only when told (tell-procedures.ts). The calendar page, its JSON routes
// and `jmeg calendar set|remove|import` all change it here.
import {
  removeCalendarEntry,
  setCalendarEntries,
  type CalendarChange,
  type CalendarScope,
} from '../../db/calendar-entries';
import type { CalendarEntry } from '../../domain/calendar';
import type { IsoDate } from '../../domain/dates';
import { requireEngine, type ProcedureDeps } from '../deps';
import { EngineUnavailableError } from '../engine';
import { tellRunningProcedures, type SignalOutcome } from './tell-procedures';

export interface CalendarChangeResult {
  change: CalendarChange;
  /** 'unchanged' when the change recorded nothing (nobody is told then). */
  signal: SignalOutcome;
}

const UNCHANGED: SignalOutcome = { state: 'unchanged', signalled: [], ended: [], notSent: [] };

/** Records the entries in the scope (null: national, every council's), all or nothing, then tells the procedures. */
export async function setCalendarDays(
  deps: Pick<ProcedureDeps, 'db' | 'engine'>,
  input: { scope: CalendarScope; entries: readonly CalendarEntry[]; actor: string; reason: string },
): Promise<CalendarChangeResult> {
  const change = await setCalendarEntries(deps.db, input.scope, input.entries, input.actor);
  return { change, signal: await told(deps, change, input.scope, input.reason) };
}

/** Removes the scope's entry for the date (the shipped data applies again), then tells the procedures. */
export async function removeCalendarDay(
  deps: Pick<ProcedureDeps, 'db' | 'engine'>,
  input: { scope: CalendarScope; date: IsoDate; actor: string; reason: string },
): Promise<CalendarChangeResult> {
  const change = await removeCalendarEntry(deps.db, input.scope, input.date, input.actor);
  return { change, signal: await told(deps, change, input.scope, input.reason) };
}

/**
 * Tells the council's running procedures again (after a change made while Temporal was away): EngineUnavailableError,
 * nothing sent, when it cannot be reached.
 */
export async function tellProceduresAgain(
  deps: Pick<ProcedureDeps, 'db' | 'engine'>,
  input: { councilId: string; reason: string },
): Promise<SignalOutcome> {
  const signal = await tellRunningProcedures(requireEngine(deps), deps.db, input.councilId, input.reason);
  if (signal.state === 'engine-unavailable') throw new EngineUnavailableError('Temporal went away while signalling');
  return signal;
}

async function told(
  deps: Pick<ProcedureDeps, 'db' | 'engine'>,
  change: CalendarChange,
  scope: CalendarScope,
  reason: string,
): Promise<SignalOutcome> {
  return change.appended === 0 ? UNCHANGED : tellRunningProcedures(deps.engine, deps.db, scope, reason);
}
