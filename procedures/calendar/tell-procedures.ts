// After staff change the working-day calendar, the running procedures must be told: a formation or act workflow
// loads the calendar when an obligation opens and again only when it receives calendarChanged (workflows/obligation/
// track-obligation.ts: plan() runs at the start and when the calendar is marked stale). They do NOT reload it by
// themselves. So an edit made while Temporal is unreachable is saved, but the procedures keep counting on the old
// calendar until they are told; staleDeadlines() finds, from the database alone, the open deadlines whose recorded due
// date differs from a count on the current calendar, which is what the calendar page shows until it is put right.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import { calendarForCouncil } from '../../db/pending';
import type { Calendar } from '../../domain/calendar';
import type { IsoDate } from '../../domain/dates';
import { computeDeadline, isObligationKey } from '../../domain/deadlines';
import { actCalendarChangedSignal, actWorkflowId } from '../../workflows/act/contract';
import { formationCalendarChangedSignal, formationWorkflowId } from '../../workflows/formation/contract';
import { requestCalendarChangedSignal, requestWorkflowId } from '../../workflows/request/contract';
import { termCalendarChangedSignal, termWorkflowId } from '../../workflows/term/contract';
import { EngineUnavailableError, ProcedureNotFoundError, type ProcedureEngine } from '../engine';

export interface RunningProcedure {
  workflowId: string;
  kind: 'formation' | 'act' | 'request' | 'term';
  groupId: string;
  actId: string | null;
  councilId: string;
}

/**
 * The procedures that may be running, from the projections: the formation of every group still forming or created
 * (it ends at the first meeting, when the group becomes active), and the procedure of every issued or received act
 * (it ends when the act is closed). `councilId` null: every council's (a national change concerns all of them).
 */
export async function runningProcedures(db: Kysely<Database>, councilId: string | null): Promise<RunningProcedure[]> {
  let groups = db.selectFrom('groups').select(['id', 'council_id']).where('status', 'in', ['forming', 'created']);
  if (councilId !== null) groups = groups.where('council_id', '=', councilId);
  let acts = db
    .selectFrom('acts as a')
    .innerJoin('groups as g', 'g.id', 'a.group_id')
    .select(['a.id', 'a.group_id', 'g.council_id'])
    .where('a.status', 'in', ['issued', 'received']);
  if (councilId !== null) acts = acts.where('g.council_id', '=', councilId);
  // An information request runs until it is answered or refused (7.3.2(1), Law No. 217).
  let requests = db
    .selectFrom('information_requests')
    .select(['id', 'group_id', 'council_id'])
    .where('outcome', 'is', null);
  if (councilId !== null) requests = requests.where('council_id', '=', councilId);
  // A group's term procedure runs until its term ends (5.3.1): its quarter's warning day counts working days (7.2.2).
  let terms = db
    .selectFrom('group_terms as t')
    .innerJoin('groups as g', 'g.id', 't.group_id')
    .select(['t.group_id', 'g.council_id'])
    .where('t.status', '=', 'active');
  if (councilId !== null) terms = terms.where('g.council_id', '=', councilId);
  const [g, a, r, t] = await Promise.all([
    groups.orderBy('opened_at').orderBy('id').execute(),
    acts.orderBy('a.issued_on').orderBy('a.id').execute(),
    requests.orderBy('sent_on').orderBy('id').execute(),
    terms.orderBy('t.term_start').orderBy('t.group_id').execute(),
  ]);
  return [
    ...g.map((r): RunningProcedure => ({
      workflowId: formationWorkflowId(r.id),
      kind: 'formation',
      groupId: r.id,
      actId: null,
      councilId: r.council_id,
    })),
    ...a.map((r): RunningProcedure => ({
      workflowId: actWorkflowId(r.id),
      kind: 'act',
      groupId: r.group_id,
      actId: r.id,
      councilId: r.council_id,
    })),
    ...r.map((q): RunningProcedure => ({
      workflowId: requestWorkflowId(q.id),
      kind: 'request',
      groupId: q.group_id,
      actId: null,
      councilId: q.council_id,
    })),
    ...t.map((x): RunningProcedure => ({
      workflowId: termWorkflowId(x.group_id),
      kind: 'term',
      groupId: x.group_id,
      actId: null,
      councilId: x.council_id,
    })),
  ];
}

export interface SignalOutcome {
  /**
   * sent: every running procedure was told (or had ended); none-running: there was nobody to tell;
   * engine-unavailable: Temporal could not be reached, `notSent` still count on the old calendar; failed: some signals failed otherwise;
   * unchanged: the edit changed nothing, so nobody was told.
   */
  state: 'sent' | 'none-running' | 'engine-unavailable' | 'failed' | 'unchanged';
  signalled: string[];
  /** Workflows that had ended already (nothing to tell). */
  ended: string[];
  /** Workflows not told. */
  notSent: string[];
}

/** Sends calendarChanged to every running procedure of the council (all councils for null); never throws for the engine's state. */
export async function tellRunningProcedures(
  engine: ProcedureEngine,
  db: Kysely<Database>,
  councilId: string | null,
  reason: string,
): Promise<SignalOutcome> {
  const procedures = await runningProcedures(db, councilId);
  const outcome: SignalOutcome = { state: 'sent', signalled: [], ended: [], notSent: [] };
  if (procedures.length === 0) return { ...outcome, state: 'none-running' };
  if (!engine.available())
    return { ...outcome, state: 'engine-unavailable', notSent: procedures.map((p) => p.workflowId) };
  for (const [i, p] of procedures.entries()) {
    try {
      if (p.kind === 'formation') await engine.signal(p.workflowId, formationCalendarChangedSignal, { reason });
      else if (p.kind === 'request') await engine.signal(p.workflowId, requestCalendarChangedSignal, { reason });
      else if (p.kind === 'term') await engine.signal(p.workflowId, termCalendarChangedSignal, { reason });
      else await engine.signal(p.workflowId, actCalendarChangedSignal, { reason });
      outcome.signalled.push(p.workflowId);
    } catch (error) {
      if (error instanceof ProcedureNotFoundError) {
        outcome.ended.push(p.workflowId);
        continue;
      }
      if (error instanceof EngineUnavailableError) {
        outcome.notSent.push(...procedures.slice(i).map((x) => x.workflowId));
        return { ...outcome, state: 'engine-unavailable' };
      }
      outcome.notSent.push(p.workflowId);
      outcome.state = 'failed';
    }
  }
  return outcome;
}

/** The due date a procedure would count for this obligation on `calendar` (null for a key outside the catalogue). */
export function dueOnCalendar(key: string, anchor: IsoDate, calendar: Calendar): IsoDate | null {
  if (!isObligationKey(key)) return null;
  return computeDeadline(key, anchor, calendar).due;
}

export interface StaleDeadline {
  obligationId: string;
  groupId: string;
  actId: string | null;
  key: string;
  clause: string;
  /** As recorded by the procedure. */
  dueDate: IsoDate;
  /** As counted on the current calendar (shipped data, national and the council's entries). */
  dueOnCurrentCalendar: IsoDate;
}

/**
 * The open deadlines of a council's groups whose recorded due date is not what the current calendar gives: their
 * procedures have not recomputed since a calendar change (they were not told, or not yet). Reminder days that moved
 * without moving the due date are not visible here.
 */
export async function staleDeadlines(db: Kysely<Database>, councilId: string): Promise<StaleDeadline[]> {
  const rows = await db
    .selectFrom('obligations as o')
    .innerJoin('groups as g', 'g.id', 'o.group_id')
    .select(['o.id', 'o.group_id', 'o.act_id', 'o.key', 'o.clause', 'o.anchor_date', 'o.due_date'])
    .where('g.council_id', '=', councilId)
    .where('o.status', 'in', ['open', 'escalated'])
    .orderBy('o.due_date')
    .orderBy('o.id')
    .execute();
  if (rows.length === 0) return [];
  const calendar = await calendarForCouncil(db, councilId);
  const stale: StaleDeadline[] = [];
  for (const r of rows) {
    const due = dueOnCalendar(r.key, r.anchor_date, calendar);
    if (due !== null && due !== r.due_date) {
      stale.push({
        obligationId: r.id,
        groupId: r.group_id,
        actId: r.act_id,
        key: r.key,
        clause: r.clause,
        dueDate: r.due_date,
        dueOnCurrentCalendar: due,
      });
    }
  }
  return stale;
}
