// The editable working-day calendar data staff keep (Orozo Ait, Kurman Ait, Cabinet transfers): national rows
// (council_id null) and a council's own corrections. Every change is a calendar.entry-set / entry-removed event.
import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { CalendarEntry } from '../domain/calendar';
import type { IsoDate } from '../domain/dates';
import type { Database } from './database';
import { streamVersion } from './event-store';
import { streams, type NewEvent } from './events';
import { recordInTransaction } from './record';

/** Whose data: null is the national calendar, a council id that council's corrections. */
export type CalendarScope = string | null;

export interface CalendarChange {
  /** Events appended (0 when every entry was already as asked). */
  appended: number;
  /** The calendar stream's version afterwards. */
  streamVersion: number;
}

/** The scope's entries by date (a council's own rows only, not the national ones). */
export async function listCalendarEntries(
  db: Kysely<Database>,
  scope: CalendarScope,
  range: { from?: IsoDate; to?: IsoDate } = {},
): Promise<CalendarEntry[]> {
  let query = db
    .selectFrom('calendar_entries')
    .selectAll()
    .where(sql<boolean>`coalesce(council_id, '') = ${scope ?? ''}`);
  if (range.from !== undefined) query = query.where('date', '>=', range.from);
  if (range.to !== undefined) query = query.where('date', '<=', range.to);
  const rows = await query.orderBy('date').execute();
  return rows.map((r) => ({ date: r.date, type: r.type, name: { ky: r.name_ky, ru: r.name_ru }, status: r.status }));
}

/** The national rows, then (when a council is given) that council's rows: later entries win in createCalendar. */
export async function calendarEntriesFor(
  db: Kysely<Database>,
  councilId: string | null,
  range: { from?: IsoDate; to?: IsoDate } = {},
): Promise<CalendarEntry[]> {
  const national = await listCalendarEntries(db, null, range);
  return councilId === null ? national : [...national, ...(await listCalendarEntries(db, councilId, range))];
}

const sameEntry = (a: CalendarEntry, b: CalendarEntry) =>
  a.date === b.date && a.type === b.type && a.status === b.status && a.name.ky === b.name.ky && a.name.ru === b.name.ru;

function contentHash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);
}

/**
 * Sets the entries of a scope in one transaction (all or nothing). Entries already as asked are left alone, so
 * repeating a command records nothing; each change's idempotency key names its content and the stream version it
 * follows, so a concurrent duplicate of the same command is stored once.
 */
export async function setCalendarEntries(
  db: Kysely<Database>,
  scope: CalendarScope,
  entries: readonly CalendarEntry[],
  actor: string,
): Promise<CalendarChange> {
  return db.transaction().execute(async (trx) => {
    await lockScope(trx, scope);
    const current = new Map((await listCalendarEntries(trx, scope)).map((e) => [e.date, e]));
    const stream = streams.calendar(scope);
    const version = await streamVersion(trx, stream);
    const latest = new Map<IsoDate, CalendarEntry>();
    for (const entry of entries) latest.set(entry.date, entry);
    const events: NewEvent[] = [];
    for (const entry of latest.values()) {
      const existing = current.get(entry.date);
      if (existing && sameEntry(existing, entry)) continue;
      events.push({
        type: 'calendar.entry-set',
        payload: {
          councilId: scope,
          date: entry.date,
          entryType: entry.type,
          name: { ky: entry.name.ky, ru: entry.name.ru },
          status: entry.status,
        },
        idempotencyKey: `calendar-set:${scope ?? 'global'}:${entry.date}:${contentHash([entry.type, entry.status, entry.name.ky, entry.name.ru])}:after-v${version}`,
      });
    }
    if (events.length === 0) return { appended: 0, streamVersion: version };
    const result = await recordInTransaction(trx, { stream, events, actor });
    return { appended: result.appended.length, streamVersion: result.streamVersion };
  });
}

/** Sets one entry (see setCalendarEntries). */
export function setCalendarEntry(
  db: Kysely<Database>,
  scope: CalendarScope,
  entry: CalendarEntry,
  actor: string,
): Promise<CalendarChange> {
  return setCalendarEntries(db, scope, [entry], actor);
}

/** Removes a scope's entry for a date (the shipped data and the Labour Code rules apply again); nothing when there is none. */
export async function removeCalendarEntry(
  db: Kysely<Database>,
  scope: CalendarScope,
  date: IsoDate,
  actor: string,
): Promise<CalendarChange> {
  return db.transaction().execute(async (trx) => {
    await lockScope(trx, scope);
    const stream = streams.calendar(scope);
    const version = await streamVersion(trx, stream);
    const exists = (await listCalendarEntries(trx, scope, { from: date, to: date })).length > 0;
    if (!exists) return { appended: 0, streamVersion: version };
    const result = await recordInTransaction(trx, {
      stream,
      actor,
      events: [
        {
          type: 'calendar.entry-removed',
          payload: { councilId: scope, date },
          idempotencyKey: `calendar-remove:${scope ?? 'global'}:${date}:after-v${version}`,
        },
      ],
    });
    return { appended: result.appended.length, streamVersion: result.streamVersion };
  });
}

/** Serialises edits of one scope, so "compare with the current rows, then append" cannot interleave. */
async function lockScope(trx: Transaction<Database>, scope: CalendarScope): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`calendar-edit:${scope ?? 'global'}`}, 0))`.execute(trx);
}
