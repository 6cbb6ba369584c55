// The chair's tracking (issue 5): every open and recently closed obligation of a group, with who owes it by which
// clause, counted from when, due when, days left or overdue in the rule's own unit, reminders and escalation sent,
// and links to the act and the response. "Overdue" is derived here from the due date and today, never stored.
import { sql, type Kysely } from 'kysely';
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres';
import { shippedCalendar, type Calendar, type CalendarName } from '../domain/calendar';
import {
  addDays,
  compareDates,
  daysBetween,
  dayOfWeek,
  endOfDayBishkek,
  fromEpochDay,
  toEpochDay,
  type IsoDate,
} from '../domain/dates';
import { DEFAULT_RECEIPT_PROMPT_WORKING_DAYS } from '../domain/act-procedure';
import { addWorkingDays, computeDeadline, isObligationKey, OBLIGATIONS, type DeadlineRule } from '../domain/deadlines';
import type { Localized } from '../domain/i18n';
import { calendarEntriesFor } from './calendar-entries';
import type { Database } from './database';
import type { ObjectKind, ObligationStatus, ResponseKind } from './events';

/** Closed obligations stay on the list this many days after closing, so the chair sees what just happened. */
export const DEFAULT_RECENT_DAYS = 30;

export type PendingFilter = 'overdue' | 'due-this-week' | { objectId: string };

export interface PendingQuery {
  groupId: string;
  /** The chair's date in Bishkek. */
  today: IsoDate;
  filter?: PendingFilter;
  /** Working days: shipped data plus the database's entries (calendarForCouncil). */
  calendar: Calendar;
  recentDays?: number;
}

export interface PendingObligation {
  obligationId: string;
  key: string;
  clause: string;
  /** What is owed (the catalogue's title; the key itself for an obligation outside the catalogue). */
  title: Localized;
  /** Who owes it: the party id ('object:<id>', 'executive-body', 'council', ...), its role, and the object's name when it is one. */
  party: { id: string; role: Localized | null; name: CalendarName | null };
  status: ObligationStatus;
  /** Still owed: open, or escalated and not yet met. */
  open: boolean;
  anchorDate: IsoDate;
  dueDate: IsoDate;
  /** The end of the due day in Bishkek (UTC ISO). */
  dueInstant: string;
  /** For open obligations: days from today to the due date, excluding today, in the rule's unit (working days for 4.3(3), calendar days for 4.3(4)); negative when overdue. Null when closed. */
  daysLeft: { unit: 'working' | 'calendar'; left: number; working: number; calendar: number } | null;
  overdue: boolean;
  /** Open and due from today to Sunday of this week. */
  dueThisWeek: boolean;
  /** The due date is not a working day (e.g. the calendar changed after it was set): the chair should expect it to move. */
  dueOnNonWorkingDay: { reason: string; name: CalendarName | null } | null;
  /** When it was met, closed or cancelled (UTC ISO); null while open. */
  closedAt: string | null;
  reminders: { rung: string; sentAt: string }[];
  escalation: { sentAt: string } | null;
  act: { id: string; number: string | null; title: string; path: string } | null;
  object: { id: string; name: CalendarName; kind: ObjectKind; isExecutiveBody: boolean } | null;
  /** Every submission for this obligation, first first; a later one amends (supersedes) an earlier one. */
  responses: {
    id: string;
    kind: ResponseKind;
    submittedAt: string;
    late: boolean;
    supersedes: string | null;
    path: string;
  }[];
}

const OPEN: ObligationStatus[] = ['open', 'escalated'];

export const actPath = (actId: string) => `/acts/${actId}`;
/** A response on the signed-in act page (api/acts/render.ts gives each response this anchor). */
export const responsePath = (actId: string, responseId: string) => `/manage/acts/${actId}#response-${responseId}`;

const iso = (value: string | Date): string => new Date(value).toISOString();

/** The Sunday that ends the week (Monday to Sunday) holding `date`. */
export function endOfWeek(date: IsoDate): IsoDate {
  const dow = dayOfWeek(date);
  return dow === 0 ? date : addDays(date, 7 - dow);
}

/** The SQL of the pending list: one statement, the reminders, escalation and responses as JSON arrays beside each row. */
export function pendingQuery(db: Kysely<Database>, query: Omit<PendingQuery, 'calendar'>) {
  const recentDays = query.recentDays ?? DEFAULT_RECENT_DAYS;
  const closedSince = endOfDayBishkek(addDays(query.today, -recentDays - 1));
  let q = db
    .selectFrom('obligations as o')
    .leftJoin('acts as a', 'a.id', 'o.act_id')
    // The object an act is about, or the object that owes an obligation outside an act (an information request).
    .leftJoin('monitored_objects as m', (join) =>
      join.on(
        sql<boolean>`m.id = coalesce(a.object_id, case when o.party like 'object:%' then substr(o.party, 8) end)`,
      ),
    )
    .select([
      'o.id',
      'o.key',
      'o.clause',
      'o.party',
      'o.status',
      'o.anchor_date',
      'o.due_date',
      'o.status_changed_at',
      'o.act_id',
      'a.number as act_number',
      'a.title as act_title',
      'm.id as object_id',
      'm.name as object_name_ky',
      'm.name_ru as object_name_ru',
      'm.kind as object_kind',
      'm.is_executive_body',
    ])
    .select((eb) => [
      jsonArrayFrom(
        eb
          .selectFrom('obligation_reminders as r')
          .select(['r.rung', 'r.sent_at'])
          .whereRef('r.obligation_id', '=', 'o.id')
          .orderBy('r.sent_at')
          .orderBy('r.rung'),
      ).as('reminders'),
      jsonObjectFrom(
        eb
          .selectFrom('obligation_status_changes as s')
          .select('s.changed_at')
          .whereRef('s.obligation_id', '=', 'o.id')
          .where('s.status', '=', 'escalated')
          .orderBy('s.seq')
          .limit(1),
      ).as('escalation'),
      jsonArrayFrom(
        eb
          .selectFrom('responses as p')
          .select(['p.id', 'p.kind', 'p.submitted_at', 'p.late', 'p.supersedes_id'])
          .whereRef('p.obligation_id', '=', 'o.id')
          .orderBy('p.submitted_at')
          .orderBy('p.id'),
      ).as('responses'),
    ])
    .where('o.group_id', '=', query.groupId);
  const filter = query.filter;
  if (filter === 'overdue') q = q.where('o.status', 'in', OPEN).where('o.due_date', '<', query.today);
  else if (filter === 'due-this-week')
    q = q
      .where('o.status', 'in', OPEN)
      .where('o.due_date', '>=', query.today)
      .where('o.due_date', '<=', endOfWeek(query.today));
  else q = q.where((eb) => eb.or([eb('o.status', 'in', OPEN), eb('o.status_changed_at', '>', new Date(closedSince))]));
  if (typeof filter === 'object') q = q.where('m.id', '=', filter.objectId);
  return q;
}

type PendingRow = Awaited<ReturnType<ReturnType<typeof pendingQuery>['execute']>>[number];

/** The party that owes the formation's notice (5.4.1), as the formation procedure names it. */
const EXECUTIVE_BODY = 'executive-body';

/**
 * 5.4.1: the formation's notice is owed from the day the formation starts (the council's formation date it counts
 * from), before the formation procedure has recorded anything. For a group in formation with that date, no members
 * and no formation obligation recorded yet, the row the procedure will record (same id, key, clause, party, anchor
 * and due date on the council's calendar); null otherwise, or when the query's filter leaves it out.
 */
export async function formationNoticeOwed(
  db: Kysely<Database>,
  query: Pick<PendingQuery, 'groupId' | 'calendar'> & Partial<Pick<PendingQuery, 'today' | 'filter'>>,
): Promise<PendingRow | null> {
  if (typeof query.filter === 'object') return null;
  const group = await db
    .selectFrom('groups as g')
    .select(['g.id', 'g.status', 'g.council_formed_on', 'g.opened_at'])
    .where('g.id', '=', query.groupId)
    .where('g.status', '=', 'forming')
    .where('g.council_formed_on', 'is not', null)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('obligations as o')
            .select('o.id')
            .whereRef('o.group_id', '=', 'g.id')
            .where('o.act_id', 'is', null),
        ),
      ),
    )
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('memberships as m').select('m.id').whereRef('m.group_id', '=', 'g.id'))),
    )
    .executeTakeFirst();
  if (!group || group.council_formed_on === null) return null;
  const key = 'formation-notice';
  const due = computeDeadline(key, group.council_formed_on, query.calendar).due;
  if (query.filter !== undefined && query.today !== undefined) {
    const overdue = compareDates(query.today, due) > 0;
    if (query.filter === 'overdue' && !overdue) return null;
    if (query.filter === 'due-this-week' && (overdue || compareDates(due, endOfWeek(query.today)) > 0)) return null;
  }
  return {
    id: `${group.id}/${key}`,
    key,
    clause: OBLIGATIONS[key].clause,
    party: EXECUTIVE_BODY,
    status: 'open',
    anchor_date: group.council_formed_on,
    due_date: due,
    status_changed_at: group.opened_at,
    act_id: null,
    act_number: null,
    act_title: null,
    object_id: null,
    object_name_ky: null,
    object_name_ru: null,
    object_kind: null,
    is_executive_body: null,
    reminders: [],
    escalation: null,
    responses: [],
  };
}

/** The key of a row that no procedure records: the executive body's own receipt still awaited (4.3(4)). */
export const EXECUTIVE_RECEIPT_KEY = 'executive-receipt';

const EXECUTIVE_RECEIPT_TITLE: Localized = {
  ky: 'Айыл өкмөтү актыны алганын ырастай элек (анын 30 күнү ошол күндөн эсептелет)',
  ru: 'Айыл окмоту ещё не подтвердил получение акта (его 30 дней считаются с этого дня)',
  en: 'The executive body has not confirmed its receipt of the act yet (its 30 days count from it)',
};

/**
 * 4.3(4): for an issued, open act about another object, the executive body's own receipt starts its 30 days; until
 * it is recorded (its link's "I have received it", or staff), nothing of the executive body's is on the list, so the
 * chair sees this row instead: anchored on the issue day, expected within the working days after which staff are
 * prompted (the act procedure's receipt prompt), on the council's calendar. Gone once the executive body's report
 * obligation is opened (its receipt) or the act is closed.
 */
export async function executiveReceiptsOwed(
  db: Kysely<Database>,
  query: Pick<PendingQuery, 'groupId' | 'calendar'> & Partial<Pick<PendingQuery, 'today' | 'filter'>>,
): Promise<PendingRow[]> {
  let q = db
    .selectFrom('acts as a')
    .innerJoin('monitored_objects as m', 'm.id', 'a.object_id')
    .select([
      'a.id',
      'a.number',
      'a.title',
      'a.issued_on',
      'm.id as object_id',
      'm.name as object_name_ky',
      'm.name_ru as object_name_ru',
      'm.kind as object_kind',
      'm.is_executive_body',
    ])
    .where('a.group_id', '=', query.groupId)
    .where('a.status', 'in', ['issued', 'received'])
    .where('a.issued_on', 'is not', null)
    .where('m.is_executive_body', '=', false)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('monitored_objects as x')
          .select('x.id')
          .whereRef('x.council_id', '=', 'm.council_id')
          .where('x.is_executive_body', '=', true),
      ),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('obligations as o')
            .select('o.id')
            .whereRef('o.act_id', '=', 'a.id')
            .where('o.key', '=', 'executive-report'),
        ),
      ),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('events as e')
            .select('e.position')
            .where(sql<boolean>`e.stream_id = 'act-' || a.id`)
            .where('e.type', '=', 'act.received')
            .where(sql<boolean>`e.payload->>'party' = 'executive-body'`),
        ),
      ),
    );
  if (typeof query.filter === 'object') q = q.where('m.id', '=', query.filter.objectId);
  const acts = await q.execute();
  const rows: PendingRow[] = [];
  for (const a of acts) {
    const issuedOn = a.issued_on!;
    const due = addWorkingDays(query.calendar, issuedOn, DEFAULT_RECEIPT_PROMPT_WORKING_DAYS);
    if (query.filter !== undefined && typeof query.filter !== 'object' && query.today !== undefined) {
      const overdue = compareDates(query.today, due) > 0;
      if (query.filter === 'overdue' && !overdue) continue;
      if (query.filter === 'due-this-week' && (overdue || compareDates(due, endOfWeek(query.today)) > 0)) continue;
    }
    rows.push({
      id: `${a.id}/${EXECUTIVE_RECEIPT_KEY}`,
      key: EXECUTIVE_RECEIPT_KEY,
      clause: '4.3(4)',
      party: EXECUTIVE_BODY,
      status: 'open',
      anchor_date: issuedOn,
      due_date: due,
      status_changed_at: new Date(endOfDayBishkek(issuedOn)),
      act_id: a.id,
      act_number: a.number,
      act_title: a.title,
      object_id: a.object_id,
      object_name_ky: a.object_name_ky,
      object_name_ru: a.object_name_ru,
      object_kind: a.object_kind,
      is_executive_body: a.is_executive_body,
      reminders: [],
      escalation: null,
      responses: [],
    });
  }
  return rows;
}

/**
 * The group's pending list: overdue first (longest overdue first), then open by due date, then the recently closed
 * (latest first). A formation's notice (5.4.1) is on it from the day the formation starts (formationNoticeOwed), and
 * an act's executive body receipt still awaited (4.3(4)) from the issue day (executiveReceiptsOwed).
 */
export async function pendingObligations(db: Kysely<Database>, query: PendingQuery): Promise<PendingObligation[]> {
  const [recorded, owed, receipts] = await Promise.all([
    pendingQuery(db, query).execute(),
    formationNoticeOwed(db, query),
    executiveReceiptsOwed(db, query),
  ]);
  const rows = [...recorded, ...(owed ? [owed] : []), ...receipts];
  const { today, calendar } = query;
  const weekEnd = endOfWeek(today);
  const working = workingDayCounter(calendar, [
    today,
    ...rows.filter((r) => OPEN.includes(r.status)).map((r) => r.due_date),
  ]);
  const items = rows.map((row): PendingObligation => {
    const known = isObligationKey(row.key) ? OBLIGATIONS[row.key] : null;
    const open = OPEN.includes(row.status);
    const days = open ? daysLeftOn(known?.rule ?? null, row.due_date, today, working) : null;
    const overdue = open && compareDates(today, row.due_date) > 0;
    const dueDay = calendar.describeDay(row.due_date);
    const objectName =
      row.object_id !== null && row.object_name_ky !== null
        ? { ky: row.object_name_ky, ru: row.object_name_ru ?? row.object_name_ky }
        : null;
    return {
      obligationId: row.id,
      key: row.key,
      clause: row.clause,
      title: known
        ? known.title
        : row.key === EXECUTIVE_RECEIPT_KEY
          ? EXECUTIVE_RECEIPT_TITLE
          : { ky: row.key, ru: row.key, en: row.key },
      party: {
        id: row.party,
        role: known ? known.party : null,
        name:
          row.party === `object:${row.object_id}` || (row.party === 'executive-body' && row.is_executive_body === true)
            ? objectName
            : null,
      },
      status: row.status,
      open,
      anchorDate: row.anchor_date,
      dueDate: row.due_date,
      dueInstant: endOfDayBishkek(row.due_date),
      daysLeft: days,
      overdue,
      dueThisWeek: open && !overdue && compareDates(row.due_date, weekEnd) <= 0,
      dueOnNonWorkingDay: dueDay.working ? null : { reason: dueDay.reason, name: dueDay.name ?? null },
      closedAt: open ? null : iso(row.status_changed_at),
      reminders: row.reminders.map((r) => ({ rung: r.rung, sentAt: iso(r.sent_at) })),
      escalation: row.escalation ? { sentAt: iso(row.escalation.changed_at) } : null,
      act:
        row.act_id !== null
          ? { id: row.act_id, number: row.act_number, title: row.act_title ?? '', path: actPath(row.act_id) }
          : null,
      object:
        row.object_id !== null && objectName !== null
          ? {
              id: row.object_id,
              name: objectName,
              kind: row.object_kind!,
              isExecutiveBody: row.is_executive_body === true,
            }
          : null,
      responses: row.responses.map((p) => ({
        id: p.id,
        kind: p.kind,
        submittedAt: iso(p.submitted_at),
        late: p.late,
        supersedes: p.supersedes_id,
        path: responsePath(row.act_id ?? '', p.id),
      })),
    };
  });
  return items.sort(byUrgency);
}

/**
 * Working days in (a, b] (negative when b is before a) for the dates of one list: a prefix count over the days
 * they span, built once, so an obligation overdue for years costs no day-by-day walk per row. It counts exactly as
 * domain workingDaysBetween does (test/pending.test.ts checks them against each other).
 */
export function workingDayCounter(calendar: Calendar, dates: readonly IsoDate[]): (a: IsoDate, b: IsoDate) => number {
  const days = dates.map(toEpochDay);
  const lo = Math.min(...days);
  const hi = Math.max(...days);
  const prefix = new Int32Array(hi - lo + 1);
  for (let k = 1; k <= hi - lo; k++) prefix[k] = prefix[k - 1]! + (calendar.isWorkingDay(fromEpochDay(lo + k)) ? 1 : 0);
  return (a, b) => prefix[toEpochDay(b) - lo]! - prefix[toEpochDay(a) - lo]!;
}

/** Domain daysLeft's result for a stored due date: both counts exclude today; the unit is the rule's (working days for working-day rules). */
export function daysLeftOn(
  rule: DeadlineRule | null,
  due: IsoDate,
  today: IsoDate,
  working: (a: IsoDate, b: IsoDate) => number,
): { unit: 'working' | 'calendar'; left: number; working: number; calendar: number } {
  const w = working(today, due);
  const c = daysBetween(today, due);
  const unit = rule?.kind === 'working-days-after' || rule?.kind === 'working-days-before' ? 'working' : 'calendar';
  return { unit, left: unit === 'working' ? w : c, working: w, calendar: c };
}

function byUrgency(a: PendingObligation, b: PendingObligation): number {
  const rank = (x: PendingObligation) => (x.overdue ? 0 : x.open ? 1 : 2);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (rank(a) === 2)
    return (b.closedAt ?? '').localeCompare(a.closedAt ?? '') || a.obligationId.localeCompare(b.obligationId);
  return compareDates(a.dueDate, b.dueDate) || a.obligationId.localeCompare(b.obligationId);
}

/** The calendar for a council's deadlines: the shipped data, then the national entries staff recorded, then the council's own (later entries win; as loadCalendar does). */
export async function calendarForCouncil(db: Kysely<Database>, councilId: string | null): Promise<Calendar> {
  return shippedCalendar(await calendarEntriesFor(db, councilId));
}
