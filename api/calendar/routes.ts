// The working-day calendar staff keep (REGULATION.md, "Context from outside the seed": Orozo Ait, Kurman Ait and the
// Cabinet's transfers are per-year data staff enter and correct, confirmed or estimated):
//   GET    /api/councils/:councilId/calendar/:year   staff and deputies of the council
//   PUT    /api/councils/:councilId/calendar/:date   staff of the council (scope council); staff of every council (scope national)
//   DELETE /api/councils/:councilId/calendar/:date   idem
//   POST   /api/councils/:councilId/calendar/signal  staff: tell the running procedures again (503 without Temporal)
// A change is saved whether or not Temporal is reachable; then the running formation and act procedures of the councils
// concerned are told to recount (procedures/calendar/tell-procedures.ts says why they must be told and what happens if
// not); the changes and the telling are the use cases of procedures/calendar/change-calendar.ts.
import type { FastifyRequest } from 'fastify';
import type { SessionAccount } from '../../db/accounts';
import { listCalendarEntries, type CalendarScope } from '../../db/calendar-entries';
import { fixedHoliday, type CalendarEntry } from '../../domain/calendar';
import { KNOWN_CALENDAR_ENTRIES } from '../../domain/calendar-data/known-years';
import { bishkekDateOf, isIsoDate, yearOf, type IsoDate } from '../../domain/dates';
import type { Lang } from '../../domain/i18n';
import { AppError } from '../app-error';
import type { App, AppDeps } from '../app-types';
import { requireCouncilRole } from '../auth/require-role';
import {
  removeCalendarDay as removeDay,
  setCalendarDays,
  tellProceduresAgain,
} from '../../procedures/calendar/change-calendar';
import { staleDeadlines, type SignalOutcome } from '../../procedures/calendar/tell-procedures';
import { procedureDeps } from '../procedure-deps';
import { msg } from '../ui/messages';
import { requestLang } from '../request-lang';
import { councilCalendarReminders, councilCalendarYear, FIRST_EDITABLE_YEAR, LAST_EDITABLE_YEAR } from './council-data';
import { checkedYear } from './year.schema';
import { calendarYearSchema, removeDaySchema, setDaySchema, signalSchema } from './schema';

export type Scope = 'council' | 'national';

export interface DayInput {
  date: string;
  type: string;
  name: { ky: string; ru: string };
  status?: string | undefined;
  scope?: string | undefined;
}

export interface ChangeResult {
  date: IsoDate;
  scope: Scope;
  appended: number;
  entry: CalendarEntry | null;
  signal: SignalOutcome;
}

export function signedInAccount(request: FastifyRequest): SessionAccount {
  if (!request.auth) throw new AppError('not-authenticated', 'log in first');
  return request.auth.account;
}

const actorOf = (a: SessionAccount) => `${a.role}:${a.id}`;
const scopeId = (scope: Scope, councilId: string): CalendarScope => (scope === 'national' ? null : councilId);

/** A date the editor accepts: real, and in the years the calendar supports (2025 on: the Labour Code's rules). */
export function checkDate(date: string, field = 'date'): IsoDate {
  if (!isIsoDate(date))
    throw new AppError('invalid-input', `${field}: "${date}" is not a real date (YYYY-MM-DD)`, {
      field,
      rule: 'date',
      value: date,
    });
  const year = yearOf(date);
  if (year < FIRST_EDITABLE_YEAR || year > LAST_EDITABLE_YEAR) {
    throw new AppError('invalid-input', `${field}: ${date} is outside ${FIRST_EDITABLE_YEAR}-${LAST_EDITABLE_YEAR}`, {
      field,
      rule: 'range',
      value: date,
    });
  }
  return date;
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T, field: string): T {
  if (value === undefined || value === '') return fallback;
  if (!(allowed as readonly string[]).includes(value))
    throw new AppError('invalid-input', `${field}: one of ${allowed.join(', ')}`, { field, rule: 'one-of', allowed });
  return value as T;
}

/** The entry a form or a body asks for, checked field by field (400 naming the first bad field). */
export function parseDayInput(input: DayInput): { entry: CalendarEntry; scope: Scope } {
  const date = checkDate(input.date);
  const type = input.type === '' ? undefined : input.type;
  if (type === undefined) throw new AppError('invalid-input', 'type is required', { field: 'type', rule: 'required' });
  const entryType = oneOf(type, ['day-off', 'working-day'] as const, 'day-off', 'type');
  const ky = input.name.ky.trim();
  const ru = input.name.ru.trim();
  if (ky === '') throw new AppError('invalid-input', 'name.ky is required', { field: 'name.ky', rule: 'required' });
  if (ru === '') throw new AppError('invalid-input', 'name.ru is required', { field: 'name.ru', rule: 'required' });
  if (ky.length > 200 || ru.length > 200)
    throw new AppError('invalid-input', 'name: at most 200 characters', {
      field: ky.length > 200 ? 'name.ky' : 'name.ru',
      rule: 'range',
    });
  const status = oneOf(input.status, ['confirmed', 'estimated'] as const, 'confirmed', 'status');
  const scope = oneOf(input.scope, ['council', 'national'] as const, 'council', 'scope');
  return { entry: { date, type: entryType, name: { ky, ru }, status }, scope };
}

function reasonOf(what: string, scope: Scope, councilId: string, account: SessionAccount): string {
  return `calendar ${scope === 'national' ? 'national' : `of council ${councilId}`}: ${what} (${actorOf(account)})`;
}

/** National entries count for every council, so only staff of every council change them; a council's staff get a 403 naming the rule. */
export function checkScopeAllowed(account: SessionAccount, scope: Scope, lang: Lang): void {
  if (scope === 'national' && !(account.role === 'staff' && account.council_id === null)) {
    throw new AppError('forbidden', 'national calendar entries: staff of every council only', {
      subject: msg(lang, 'calendarEdit.error.nationalOnly'),
    });
  }
}

/** Records the day, then tells the running procedures of the councils concerned (every council for a national change). */
export async function saveCalendarDay(
  deps: AppDeps,
  account: SessionAccount,
  councilId: string,
  input: DayInput,
  lang: Lang,
): Promise<ChangeResult> {
  const { entry, scope } = parseDayInput(input);
  checkScopeAllowed(account, scope, lang);
  const { change, signal } = await setCalendarDays(procedureDeps(deps), {
    scope: scopeId(scope, councilId),
    entries: [entry],
    actor: actorOf(account),
    reason: reasonOf(`${entry.date} set ${entry.type} (${entry.status})`, scope, councilId, account),
  });
  return { date: entry.date, scope, appended: change.appended, entry, signal };
}

/** Removes the scope's entry for the date: 404 when there is none, 409 when the day is built-in data rather than an entry. */
export async function removeCalendarDay(
  deps: AppDeps,
  account: SessionAccount,
  councilId: string,
  dateText: string,
  scopeText: string | undefined,
  lang: Lang,
): Promise<ChangeResult> {
  const date = checkDate(dateText);
  const scope = oneOf(scopeText, ['council', 'national'] as const, 'council', 'scope');
  checkScopeAllowed(account, scope, lang);
  const id = scopeId(scope, councilId);
  const existing = await listCalendarEntries(deps.db, id, { from: date, to: date });
  if (existing.length === 0) {
    const builtIn = KNOWN_CALENDAR_ENTRIES.some((e) => e.date === date) || fixedHoliday(date) !== undefined;
    if (builtIn && !(await otherScopeHas(deps, councilId, scope, date)))
      throw new AppError('conflict', `${date} is built-in data`, { subject: msg(lang, 'calendarEdit.error.builtIn') });
    throw new AppError('not-found', `no ${scope} entry for ${date}`, {
      subject: msg(lang, scope === 'national' ? 'calendarEdit.error.noNational' : 'calendarEdit.error.noCouncil', {
        date,
      }),
    });
  }
  const { change, signal } = await removeDay(procedureDeps(deps), {
    scope: id,
    date,
    actor: actorOf(account),
    reason: reasonOf(`${date} entry removed`, scope, councilId, account),
  });
  return { date, scope, appended: change.appended, entry: null, signal };
}

async function otherScopeHas(deps: AppDeps, councilId: string, scope: Scope, date: IsoDate): Promise<boolean> {
  return (
    (await listCalendarEntries(deps.db, scope === 'national' ? councilId : null, { from: date, to: date })).length > 0
  );
}

/** Tells the council's running procedures again; 503 (nothing sent) when Temporal is unreachable. */
export async function resignal(deps: AppDeps, account: SessionAccount, councilId: string): Promise<SignalOutcome> {
  return tellProceduresAgain(procedureDeps(deps), {
    councilId,
    reason: reasonOf('staff asked the procedures to recount', 'council', councilId, account),
  });
}

export function councilCalendarRoutes(app: App, deps: AppDeps): void {
  const clock = deps.clock ?? Date.now;
  const readers = requireCouncilRole(deps.db, ['staff', 'deputy']);
  const editors = requireCouncilRole(deps.db, ['staff']);

  app.get(
    '/api/councils/:councilId/calendar/:year',
    { schema: calendarYearSchema, config: { access: ['staff', 'deputy'] }, preValidation: readers },
    async (request) => {
      const { councilId } = request.params;
      const year = checkedYear(request.params.year);
      const today = bishkekDateOf(clock());
      const [view, reminders, stale] = await Promise.all([
        councilCalendarYear(deps.db, councilId, year),
        councilCalendarReminders(deps.db, councilId, today),
        staleDeadlines(deps.db, councilId),
      ]);
      return { ...view, reminders, stale, editable: signedInAccount(request).role === 'staff' };
    },
  );

  app.put(
    '/api/councils/:councilId/calendar/:date',
    { schema: setDaySchema, config: { access: ['staff'] }, preValidation: editors },
    async (request) => {
      const { councilId, date } = request.params;
      const b = request.body;
      return saveCalendarDay(
        deps,
        signedInAccount(request),
        councilId,
        { date, type: b.type, name: b.name, status: b.status, scope: b.scope },
        requestLang(request),
      );
    },
  );

  app.delete(
    '/api/councils/:councilId/calendar/:date',
    { schema: removeDaySchema, config: { access: ['staff'] }, preValidation: editors },
    async (request) => {
      const { councilId, date } = request.params;
      return removeCalendarDay(
        deps,
        signedInAccount(request),
        councilId,
        date,
        request.query.scope,
        requestLang(request),
      );
    },
  );

  app.post(
    '/api/councils/:councilId/calendar/signal',
    { schema: signalSchema, config: { access: ['staff'] }, preValidation: editors },
    async (request) => {
      return { signal: await resignal(deps, signedInAccount(request), request.params.councilId) };
    },
  );
}
