// Where an issued act stands (4.3): its step, the receipt, each obligation with its due date and the days left
// (counted by domain/ on the owing party's working-day calendar, 4.2: domain/object-calendar.ts), the responses with their files, and the close. From
// the act procedure's query when the engine answers, else from Postgres (the obligations and responses projections),
// so every page reads even while Temporal is away.
import type { Kysely } from 'kysely';
import type { Act } from '../../db/acts';
import type { Database } from '../../db/database';
import { streams, type ObligationStatus } from '../../db/events';
import type { MonitoredObject } from '../../db/objects';
import { findObjectById } from '../../db/objects';
import { calendarForCouncil, daysLeftOn } from '../../db/pending';
import { CALENDAR_KIND_NAMES, calendarOfKind, type CalendarKind } from '../../domain/object-calendar';
import type { Calendar } from '../../domain/calendar';
import { bishkekDateOf, compareDates, type IsoDate } from '../../domain/dates';
import { computeDeadline, isObligationKey, OBLIGATIONS, workingDaysBetween } from '../../domain/deadlines';
import type { Localized } from '../../domain/i18n';
import { EngineUnavailableError, ProcedureNotFoundError, type ProcedureEngine } from '../engine';
import type { UseCaseLog } from '../deps';
import {
  actStateQuery,
  actWorkflowId,
  type ActState,
  type ActStep,
  type DeliveryResult,
} from '../../workflows/act/contract';
import { listResponseFiles, type ResponseFile } from '../../api/acts/response-files';

export interface ObligationProgress {
  obligationId: string;
  key: string;
  clause: string;
  /** 'object:<id>' (4.3(3)) or 'executive-body' (4.3(4)). */
  party: string;
  title: Localized;
  anchor: IsoDate | null;
  due: IsoDate | null;
  status: ObligationStatus;
  fulfilled: { on: IsoDate | null; late: boolean } | null;
  escalated: boolean;
  /** While open: the days from today to the due date (today excluded) in the rule's unit; negative when overdue. */
  daysLeft: { unit: 'working' | 'calendar'; left: number; working: number; calendar: number } | null;
  /**
   * The working-day calendar the days left (and a due date not yet recorded) are counted on: the owing party's (4.2:
   * the object's kind, or its staff mark; the executive body's with the Cabinet's transfers), named in ky/ru/en.
   */
  calendar: { kind: CalendarKind; name: Localized };
  overdue: boolean;
}

export interface ResponseProgress {
  responseId: string;
  obligationKey: string;
  respondedOn: IsoDate;
  submittedAt: string;
  late: boolean;
  supersedes: string | null;
  responder: string;
  text: string;
  files: ResponseFile[];
}

export interface ActProgress {
  /** 'procedure': the running workflow answered; 'database': read from Postgres. */
  source: 'procedure' | 'database';
  /** running: the act's procedure answered; not-started: issued, but no procedure runs (start it again); unknown: the engine is away. */
  procedure: 'running' | 'not-started' | 'unknown' | 'none';
  step: ActStep | 'draft';
  today: IsoDate;
  receipt: { receivedOn: IsoDate; via: 'link' | 'staff' } | null;
  /**
   * 4.3(4): the executive body's own receipt of an act about another object (its 30 days count from it); null before
   * it, when the act is about the executive body, or when the procedure did not answer.
   */
  executiveReceipt: { receivedOn: IsoDate; via: 'link' | 'staff' } | null;
  delivery: DeliveryResult | null;
  obligations: ObligationProgress[];
  responses: ResponseProgress[];
  closed: { on: IsoDate | null; by: 'obligations-met' | 'chair'; reason: string | null } | null;
}

const titleOf = (key: string): Localized =>
  isObligationKey(key) ? OBLIGATIONS[key].title : { ky: key, ru: key, en: key };

function counted(
  calendar: Calendar,
  key: string,
  due: IsoDate | null,
  open: boolean,
  today: IsoDate,
): Pick<ObligationProgress, 'daysLeft' | 'overdue'> {
  if (!open || due === null) return { daysLeft: null, overdue: false };
  const rule = isObligationKey(key) ? OBLIGATIONS[key].rule : null;
  return {
    daysLeft: daysLeftOn(rule, due, today, (a, b) => workingDaysBetween(calendar, a, b)),
    overdue: compareDates(today, due) > 0,
  };
}

/**
 * The calendars of the act's parties (4.2): the object's own kind for what the object owes ('object:<id>'), the
 * Cabinet's transfers for the executive body and anyone else, each built from the council's calendar.
 */
function partyCalendars(council: Calendar, object: { id: string; calendarKind: CalendarKind } | undefined) {
  const byKind = new Map<CalendarKind, Calendar>();
  const of = (kind: CalendarKind): Calendar => {
    let c = byKind.get(kind);
    if (!c) byKind.set(kind, (c = calendarOfKind(council, kind)));
    return c;
  };
  return (party: string): { calendar: Calendar; named: ObligationProgress['calendar'] } => {
    const kind: CalendarKind = object && party === `object:${object.id}` ? object.calendarKind : 'with-transfers';
    return { calendar: of(kind), named: { kind, name: CALENDAR_KIND_NAMES[kind] } };
  };
}

/** A due date the procedure has not computed yet (its calendar is loading): the same domain count from the anchor. */
function expectedDue(calendar: Calendar, key: string, anchor: IsoDate | null): IsoDate | null {
  if (anchor === null || !isObligationKey(key)) return null;
  return computeDeadline(key, anchor, calendar).due;
}

async function responsesOf(db: Kysely<Database>, actId: string): Promise<ResponseProgress[]> {
  const [rows, files] = await Promise.all([
    db.selectFrom('responses').selectAll().where('act_id', '=', actId).orderBy('submitted_at').orderBy('id').execute(),
    listResponseFiles(db, actId),
  ]);
  return rows.map((r) => {
    const submittedAt = new Date(r.submitted_at).toISOString();
    return {
      responseId: r.id,
      obligationKey: r.kind,
      respondedOn: bishkekDateOf(Date.parse(submittedAt)),
      submittedAt,
      late: r.late,
      supersedes: r.supersedes_id,
      responder: r.responder,
      text: r.body,
      files: files.filter((f) => f.responseId === r.id),
    };
  });
}

async function queryState(
  engine: ProcedureEngine,
  actId: string,
  log: UseCaseLog | undefined,
): Promise<ActState | 'not-started' | 'unknown'> {
  if (!engine.available()) return 'unknown';
  try {
    return await engine.query(actWorkflowId(actId), actStateQuery);
  } catch (error) {
    if (error instanceof ProcedureNotFoundError) return 'not-started';
    if (!(error instanceof EngineUnavailableError))
      log?.warn({ err: error, actId }, 'act state query failed; reading the database');
    return 'unknown';
  }
}

/** The act's progress (drafts have none: an empty one with step 'draft'). */
export async function actProgress(
  deps: { db: Kysely<Database>; engine: ProcedureEngine; today: IsoDate; log?: UseCaseLog },
  act: Act,
  councilId: string,
): Promise<ActProgress> {
  const { db, today } = deps;
  const empty: ActProgress = {
    source: 'database',
    procedure: 'none',
    step: 'draft',
    today,
    receipt: null,
    executiveReceipt: null,
    delivery: null,
    obligations: [],
    responses: [],
    closed: null,
  };
  if (act.status === 'draft') return empty;
  const [councilCalendar, object, responses, stored] = await Promise.all([
    calendarForCouncil(db, councilId),
    findObjectById(db, act.objectId),
    responsesOf(db, act.id),
    db.selectFrom('obligations').selectAll().where('act_id', '=', act.id).orderBy('due_date').orderBy('id').execute(),
  ]);
  const calendarOf = partyCalendars(councilCalendar, object);
  // A closed act's procedure is over: Postgres holds all of it.
  const state = act.status === 'closed' ? 'unknown' : await queryState(deps.engine, act.id, deps.log);
  if (typeof state === 'object') {
    const obligations = state.obligations.map((o): ObligationProgress => {
      const row = stored.find((s) => s.id === o.obligationId);
      const { calendar, named } = calendarOf(o.party);
      const due = o.due ?? row?.due_date ?? expectedDue(calendar, o.key, o.anchor);
      const status: ObligationStatus = o.fulfilled
        ? 'met'
        : state.closed
          ? 'closed'
          : o.escalated
            ? 'escalated'
            : 'open';
      const open = status === 'open' || status === 'escalated';
      return {
        obligationId: o.obligationId,
        key: o.key,
        clause: o.clause,
        party: o.party,
        title: titleOf(o.key),
        anchor: o.anchor,
        due,
        status,
        fulfilled: o.fulfilled,
        escalated: o.escalated,
        calendar: named,
        ...counted(calendar, o.key, due, open, today),
      };
    });
    return {
      source: 'procedure',
      procedure: 'running',
      step: state.step,
      today,
      receipt: state.receipt ? { receivedOn: state.receipt.receivedOn, via: state.receipt.via } : null,
      executiveReceipt: state.executiveBody?.receipt
        ? { receivedOn: state.executiveBody.receipt.receivedOn, via: state.executiveBody.receipt.via }
        : null,
      delivery: state.delivery,
      obligations,
      responses,
      closed: state.closed,
    };
  }
  const obligations = stored.map((o): ObligationProgress => {
    const open = o.status === 'open' || o.status === 'escalated';
    const answers = responses.filter((r) => r.obligationKey === o.key);
    const first = answers[0];
    const { calendar, named } = calendarOf(o.party);
    return {
      obligationId: o.id,
      key: o.key,
      clause: o.clause,
      party: o.party,
      title: titleOf(o.key),
      anchor: o.anchor_date,
      due: o.due_date,
      status: o.status,
      fulfilled: o.status === 'met' ? { on: first?.respondedOn ?? null, late: first?.late ?? false } : null,
      escalated: o.status === 'escalated',
      calendar: named,
      ...counted(calendar, o.key, o.due_date, open, today),
    };
  });
  const step: ActStep =
    act.status === 'closed' ? 'closed' : act.status === 'received' ? 'awaiting-responses' : 'awaiting-receipt';
  const closeRow =
    act.status === 'closed'
      ? await db.selectFrom('acts').select('close_reason').where('id', '=', act.id).executeTakeFirst()
      : undefined;
  const closedAt =
    act.status === 'closed'
      ? await db
          .selectFrom('events')
          .select('occurred_at')
          .where('stream_id', '=', streams.act(act.id))
          .where('type', '=', 'act.closed')
          .executeTakeFirst()
      : undefined;
  return {
    source: 'database',
    procedure: state === 'not-started' && act.status === 'issued' ? 'not-started' : 'unknown',
    step,
    today,
    receipt: act.receivedOn && act.receivedVia ? { receivedOn: act.receivedOn, via: act.receivedVia } : null,
    executiveReceipt: null,
    delivery: null,
    obligations,
    responses,
    closed:
      act.status === 'closed'
        ? {
            on: closedAt ? bishkekDateOf(new Date(closedAt.occurred_at).getTime()) : null,
            by: closeRow?.close_reason ? 'chair' : 'obligations-met',
            reason: closeRow?.close_reason ?? null,
          }
        : null,
  };
}

/** The obligations the monitored object itself owes (4.3(3); for the executive body, its report under 4.3(4)). */
export function owedBy(object: MonitoredObject, obligations: readonly ObligationProgress[]): ObligationProgress[] {
  return obligations.filter(
    (o) => o.party === `object:${object.id}` || (object.isExecutiveBody && o.party === 'executive-body'),
  );
}

/** The obligation keys the object answers through its link, before any receipt opened them. */
export function keysOwedBy(object: MonitoredObject): ('object-response' | 'executive-report')[] {
  return object.isExecutiveBody ? ['executive-report'] : ['object-response'];
}
