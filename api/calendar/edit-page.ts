// /manage/councils/:councilId/calendar?year=YYYY: the working-day calendar of a year as the council's deadlines count
// it, with where each day comes from (Labour Code, built-in data, a national entry, the council's own), the yearly
// reminder to enter next year's movable feasts and transfers, and, for staff, a form to add or change a day and a
// button to remove a recorded one. National entries are changed by staff of every council only, so a council's staff
// are offered neither the "whole country" choice nor a national entry's remove button. Deputies read it. After a change the running procedures are told to recount; when
// Temporal is unreachable the change is saved and the page says plainly that the procedures were not told.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { SessionAccount } from '../../db/accounts';
import { findCouncilById } from '../../db/councils';
import type { CalendarReminder } from '../../domain/calendar-reminder';
import { formatDay } from '../../domain/calendar-format';
import { bishkekDateOf, isIsoDate, yearOf, type IsoDate } from '../../domain/dates';
import type { Lang } from '../../domain/i18n';
import { AppError } from '../app-error';
import type { App, AppDeps } from '../app-types';
import { requireCouncilRole } from '../auth/require-role';
import { unavailableEngine } from '../../procedures/engine';
import { toAppError } from '../error-handler';
import { msg, type MessageKey } from '../ui/messages';
import { Strict } from '../schemas';
import {
  councilCalendarReminders,
  councilCalendarYear,
  FIRST_EDITABLE_YEAR,
  LAST_EDITABLE_YEAR,
  type CalendarDayRow,
  type CouncilCalendarYear,
} from './council-data';
import { staleDeadlines, type SignalOutcome, type StaleDeadline } from '../../procedures/calendar/tell-procedures';
import { requestLang } from '../request-lang';
import {
  checkScopeAllowed,
  removeCalendarDay,
  resignal,
  saveCalendarDay,
  signedInAccount,
  type ChangeResult,
} from './routes';
import { nameIn, obligationTitle } from '../dashboard/text';
import { errorBox } from '../ui/error-page';
import { html, type Html } from '../ui/html';
import { csrfField, layout, scrollBox, type PageRequest } from '../ui/layout';
import { pageRequest, sendPage } from '../ui/respond';

export const calendarPath = (councilId: string) => `/manage/councils/${encodeURIComponent(councilId)}/calendar`;

/** Whether `account` may change national entries, by the routes' own rule (checkScopeAllowed: staff of every council). */
function mayChangeNational(account: SessionAccount): boolean {
  try {
    checkScopeAllowed(account, 'national', 'en');
    return true;
  } catch (error) {
    if (error instanceof AppError && error.code === 'forbidden') return false;
    throw error;
  }
}

/** What a staff account may change on the page: its council's days, and national ones when it is staff of every council. */
interface Editing {
  national: boolean;
}

const Params = Strict({ councilId: Type.String({ minLength: 1, maxLength: 200 }) });
const Text = (max = 200) => Type.Optional(Type.String({ maxLength: max }));
const PageQuery = Strict({
  year: Text(10),
  date: Text(20),
  scope: Text(20),
  done: Text(20),
  signal: Text(30),
  n: Text(10),
  lang: Text(10),
});
const SaveForm = Strict({
  _csrf: Text(),
  date: Text(20),
  type: Text(20),
  'name.ky': Text(),
  'name.ru': Text(),
  status: Text(20),
  scope: Text(20),
});
const RemoveForm = Strict({ _csrf: Text(), date: Text(20), scope: Text(20) });
const SignalForm = Strict({ _csrf: Text() });

type FormValues = { date: string; type: string; 'name.ky': string; 'name.ru': string; status: string; scope: string };
const FIELD_LABEL: Readonly<Record<string, MessageKey>> = {
  date: 'calendarEdit.form.date',
  type: 'calendarEdit.form.type',
  'name.ky': 'calendarEdit.form.nameKy',
  'name.ru': 'calendarEdit.form.nameRu',
  status: 'calendarEdit.form.status',
  scope: 'calendarEdit.form.scope',
  year: 'calendarEdit.form.year',
};

const REASON: Readonly<Record<CalendarDayRow['reason'], MessageKey>> = {
  holiday: 'calendarEdit.reason.holiday',
  'day-off': 'calendarEdit.reason.dayOff',
  'worked-weekend': 'calendarEdit.reason.workedWeekend',
  workday: 'calendarEdit.reason.workday',
  weekend: 'calendarEdit.reason.weekend',
};
const SOURCE: Readonly<Record<CalendarDayRow['source'], MessageKey>> = {
  'labour-code': 'calendarEdit.source.labourCode',
  'built-in': 'calendarEdit.source.builtIn',
  national: 'calendarEdit.source.national',
  council: 'calendarEdit.source.council',
};

/** The reminders as notices; `link` adds a link to the year's calendar page (for /manage). */
export function calendarReminderHtml(
  page: PageRequest,
  councilId: string,
  reminders: readonly CalendarReminder[],
  link = true,
): Html {
  const lang = page.lang;
  return html`${reminders.map((r) => {
    const key: MessageKey =
      r.when === 'next-year'
        ? r.data === 'missing'
          ? 'calendarEdit.reminder.nextMissing'
          : 'calendarEdit.reminder.nextEstimated'
        : r.data === 'missing'
          ? 'calendarEdit.reminder.thisMissing'
          : 'calendarEdit.reminder.thisEstimated';
    return html`<div class="notice calendar-reminder" role="status" data-year="${r.year}"><p><strong>${msg(lang, 'calendarEdit.reminder.title', { year: String(r.year) })}</strong> ${msg(lang, key, { year: String(r.year) })}</p>
${r.estimatedDays.length > 0 ? html`<ul>${r.estimatedDays.map((d) => html`<li><time datetime="${d.date}">${formatDay(lang, d.date)}</time>: ${nameIn(lang, d.name)} (${msg(lang, 'calendarEdit.status.estimated')})</li>`)}</ul>` : ''}
${link ? html`<p><a href="${calendarPath(councilId)}?year=${r.year}&amp;lang=${lang}">${msg(lang, 'calendarEdit.reminder.open', { year: String(r.year) })}</a></p>` : ''}</div>`;
  })}`;
}

/** The yearly reminder for a council's staff pages (e.g. /manage): empty when there is nothing to ask. */
export async function calendarReminderNotice(deps: AppDeps, page: PageRequest, councilId: string): Promise<Html> {
  const today = bishkekDateOf((deps.clock ?? Date.now)());
  return calendarReminderHtml(page, councilId, await councilCalendarReminders(deps.db, councilId, today));
}

function signalNotice(lang: Lang, state: string | undefined, n: string): Html {
  switch (state) {
    case 'sent':
      return html`<p class="ok" role="status">${msg(lang, 'calendarEdit.signal.sent', { n })}</p>`;
    case 'none-running':
      return html`<p class="ok" role="status">${msg(lang, 'calendarEdit.signal.none')}</p>`;
    case 'engine-unavailable':
      return html`<div class="notice" role="alert"><p>${msg(lang, 'calendarEdit.signal.unavailable', { n })}</p></div>`;
    case 'failed':
      return html`<div class="notice" role="alert"><p>${msg(lang, 'calendarEdit.signal.failed', { n })}</p></div>`;
    default:
      return html``;
  }
}

function doneNotice(lang: Lang, done: string | undefined): Html {
  const key: MessageKey | null =
    done === 'saved'
      ? 'calendarEdit.done.saved'
      : done === 'removed'
        ? 'calendarEdit.done.removed'
        : done === 'unchanged'
          ? 'calendarEdit.done.unchanged'
          : done === 'signalled'
            ? 'calendarEdit.done.signalled'
            : null;
  return key ? html`<p class="ok" role="status">${msg(lang, key)}</p>` : html``;
}

function staleBox(
  page: PageRequest,
  councilId: string,
  stale: readonly StaleDeadline[],
  canEdit: boolean,
  engineUp: boolean,
): Html {
  if (stale.length === 0) return html``;
  const lang = page.lang;
  return html`<section class="notice" id="stale" aria-labelledby="stale-title"><h2 id="stale-title">${msg(lang, 'calendarEdit.stale.title')}</h2>
<p>${msg(lang, 'calendarEdit.stale.intro')}</p>
<ul>${stale.map((s) => html`<li>${obligationTitle(lang, s.key)} (${s.clause}): <time datetime="${s.dueDate}">${formatDay(lang, s.dueDate)}</time> → <time datetime="${s.dueOnCurrentCalendar}">${formatDay(lang, s.dueOnCurrentCalendar)}</time>${' '}<a href="/manage/groups/${encodeURIComponent(s.groupId)}/dashboard?lang=${lang}">${msg(lang, 'calendarEdit.stale.group')}</a></li>`)}</ul>
${
  canEdit
    ? engineUp
      ? html`<form method="post" action="${calendarPath(councilId)}/signal?lang=${lang}">${csrfField(page)}<button type="submit">${msg(lang, 'calendarEdit.signal.button')}</button></form>`
      : html`<p>${msg(lang, 'calendarEdit.signal.later')}</p>`
    : ''
}
</section>`;
}

function dayTable(page: PageRequest, councilId: string, view: CouncilCalendarYear, editing: Editing | null): Html {
  const lang = page.lang;
  const canEdit = editing !== null;
  if (view.days.length === 0) return html`<p>${msg(lang, 'calendarEdit.empty')}</p>`;
  const row = (d: CalendarDayRow) => {
    // A council's staff change a national or built-in day for their council only (an entry of their own), and remove
    // only their council's entries.
    const national = editing?.national === true;
    const entryScope = d.source === 'council' ? 'council' : d.source === 'national' && national ? 'national' : null;
    const editScope = d.source === 'council' || !national ? 'council' : 'national';
    return html`<tr${d.status === 'estimated' ? html` class="estimated"` : ''}>
<td><time datetime="${d.date}">${formatDay(lang, d.date)}</time></td>
<td>${d.name ? nameIn(lang, d.name) : ''}</td>
<td>${msg(lang, REASON[d.reason])}</td>
<td>${d.status === 'estimated' ? html`<strong>${msg(lang, 'calendarEdit.status.estimated')}</strong>` : d.status === 'confirmed' ? msg(lang, 'calendarEdit.status.confirmed') : ''}</td>
<td>${msg(lang, SOURCE[d.source])}${d.shadowedNational ? html`<br><span class="muted">${msg(lang, 'calendarEdit.shadowed', { name: nameIn(lang, d.shadowedNational.name) })}</span>` : ''}</td>
${
  canEdit
    ? html`<td><a href="${calendarPath(councilId)}?year=${view.year}&amp;date=${d.date}&amp;scope=${editScope}&amp;lang=${lang}#edit">${msg(lang, 'calendarEdit.edit')}</a>${
        entryScope
          ? html` <form method="post" action="${calendarPath(councilId)}/remove?lang=${lang}" class="inline">${csrfField(page)}<input type="hidden" name="date" value="${d.date}"><input type="hidden" name="scope" value="${entryScope}"><button type="submit" class="link">${msg(lang, 'calendarEdit.remove')}</button></form>`
          : ''
      }</td>`
    : ''
}
</tr>`;
  };
  return scrollBox(
    msg(lang, 'calendarEdit.title', { year: String(view.year) }),
    html`<table class="calendar-days">
<thead><tr><th scope="col">${msg(lang, 'calendarEdit.col.date')}</th><th scope="col">${msg(lang, 'calendarEdit.col.name')}</th><th scope="col">${msg(lang, 'calendarEdit.col.kind')}</th><th scope="col">${msg(lang, 'calendarEdit.col.status')}</th><th scope="col">${msg(lang, 'calendarEdit.col.source')}</th>${canEdit ? html`<th scope="col">${msg(lang, 'calendarEdit.col.actions')}</th>` : ''}</tr></thead>
<tbody>${view.days.map(row)}</tbody>
</table>`,
  );
}

function dayForm(
  page: PageRequest,
  councilId: string,
  values: FormValues,
  councilName: string,
  invalid: string | null,
  editing: Editing,
): Html {
  const lang = page.lang;
  const bad = (field: string) => (invalid === field ? html` aria-invalid="true" aria-describedby="form-error"` : '');
  const option = (value: string, label: string, current: string) =>
    html`<option value="${value}"${value === current ? html` selected` : ''}>${label}</option>`;
  const radio = (value: string, label: string) =>
    html`<div><input type="radio" id="scope-${value}" name="scope" value="${value}"${values.scope === value ? html` checked` : ''}${bad('scope')}> <label for="scope-${value}" class="inline">${label}</label></div>`;
  return html`<section id="edit" aria-labelledby="edit-title"><h2 id="edit-title">${msg(lang, 'calendarEdit.form.title')}</h2>
<form method="post" action="${calendarPath(councilId)}?lang=${lang}">
${csrfField(page)}
<label for="date">${msg(lang, 'calendarEdit.form.date')}</label>
<input id="date" name="date" type="date" required value="${values.date}"${bad('date')}>
<label for="type">${msg(lang, 'calendarEdit.form.type')}</label>
<select id="type" name="type" required${bad('type')}>
${option('day-off', msg(lang, 'calendarEdit.type.dayOff'), values.type)}
${option('working-day', msg(lang, 'calendarEdit.type.workingDay'), values.type)}
</select>
<label for="name-ky">${msg(lang, 'calendarEdit.form.nameKy')}</label>
<input id="name-ky" name="name.ky" type="text" lang="ky" required maxlength="200" value="${values['name.ky']}"${bad('name.ky')}>
<label for="name-ru">${msg(lang, 'calendarEdit.form.nameRu')}</label>
<input id="name-ru" name="name.ru" type="text" lang="ru" required maxlength="200" value="${values['name.ru']}"${bad('name.ru')}>
<label for="status">${msg(lang, 'calendarEdit.form.status')}</label>
<select id="status" name="status"${bad('status')}>
${option('confirmed', msg(lang, 'calendarEdit.status.confirmed'), values.status)}
${option('estimated', msg(lang, 'calendarEdit.status.estimated'), values.status)}
</select>
<fieldset><legend>${msg(lang, 'calendarEdit.form.scope')}</legend>
${radio('council', msg(lang, 'calendarEdit.scope.council', { council: councilName }))}
${editing.national ? radio('national', msg(lang, 'calendarEdit.scope.national')) : html`<p class="muted">${sentence(msg(lang, 'calendarEdit.error.nationalOnly'))}.</p>`}
</fieldset>
<p class="muted">${msg(lang, 'calendarEdit.form.hint')}</p>
<button type="submit">${msg(lang, 'form.save')}</button>
</form></section>`;
}

interface RenderInput {
  councilId: string;
  year: number;
  values?: FormValues;
  error?: AppError | null;
  done?: string | undefined;
  signal?: string | undefined;
  n?: string | undefined;
  prefill?: { date?: string | undefined; scope?: string | undefined };
}

/** `text` with its first letter capitalised (a message written to follow "Forbidden: ", shown on its own). */
function sentence(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

const EMPTY: FormValues = {
  date: '',
  type: 'day-off',
  'name.ky': '',
  'name.ru': '',
  status: 'confirmed',
  scope: 'council',
};

/** A page error naming the form's field by its label. */
function labelled(lang: Lang, error: AppError): AppError {
  const field = error.details.field;
  const key = field !== undefined ? FIELD_LABEL[field] : undefined;
  return key ? new AppError(error.code, error.message, { ...error.details, field: msg(lang, key) }) : error;
}

async function render(
  deps: AppDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  input: RenderInput,
): Promise<FastifyReply> {
  const { councilId, year } = input;
  const council = await findCouncilById(deps.db, councilId);
  if (!council) throw new AppError('not-found', `council ${councilId}`, { subject: councilId });
  const page = pageRequest(request, calendarPath(councilId), { year: String(year) });
  const lang = page.lang;
  const account = signedInAccount(request);
  const editing: Editing | null = account.role === 'staff' ? { national: mayChangeNational(account) } : null;
  const canEdit = editing !== null;
  const engineUp = (deps.engine ?? unavailableEngine).available();
  const today = bishkekDateOf((deps.clock ?? Date.now)());
  const [view, reminders, stale] = await Promise.all([
    councilCalendarYear(deps.db, councilId, year),
    councilCalendarReminders(deps.db, councilId, today),
    staleDeadlines(deps.db, councilId),
  ]);
  let values = input.values ?? { ...EMPTY, date: '' };
  const pre = input.prefill;
  if (!input.values && pre?.date && isIsoDate(pre.date)) {
    const row = view.days.find((d) => d.date === pre.date);
    values = {
      date: pre.date,
      type: row && row.working ? 'working-day' : 'day-off',
      'name.ky': row?.name?.ky ?? '',
      'name.ru': row?.name?.ru ?? '',
      status: row?.status ?? 'confirmed',
      scope: pre.scope === 'national' && editing?.national === true ? 'national' : 'council',
    };
  }
  const councilName = nameIn(lang, { ky: council.name_ky, ru: council.name_ru });
  const yearLink = (y: number, label: string) =>
    y < FIRST_EDITABLE_YEAR || y > LAST_EDITABLE_YEAR
      ? html``
      : html`<a href="${calendarPath(councilId)}?year=${y}&amp;lang=${lang}">${label}</a>`;
  const error = input.error ? labelled(lang, input.error) : null;
  const body = html`<p>${councilName}</p>
${calendarReminderHtml(
  page,
  councilId,
  reminders.filter((r) => r.year !== year),
  true,
)}${calendarReminderHtml(
    page,
    councilId,
    reminders.filter((r) => r.year === year),
    false,
  )}
<div id="result">${doneNotice(lang, input.done)}${signalNotice(lang, input.signal, input.n ?? '0')}</div>
${staleBox(page, councilId, stale, canEdit, engineUp)}
<nav aria-label="${msg(lang, 'calendarEdit.years')}" class="noprint"><p>${yearLink(year - 1, `← ${year - 1}`)} <strong>${year}</strong> ${yearLink(year + 1, `${year + 1} →`)}</p></nav>
<p>${msg(lang, `calendarEdit.data.${view.data}`, { year: String(year) })}</p>
${dayTable(page, councilId, view, editing)}
<p class="muted">${msg(lang, 'calendarEdit.legend')}</p>
${
  editing
    ? html`${error ? html`<div id="form-error">${errorBox(page, error)}</div>` : ''}${dayForm(page, councilId, values, councilName, error ? (input.error?.details.field ?? null) : null, editing)}`
    : html`${error ? errorBox(page, error) : ''}<p class="muted">${msg(lang, 'calendarEdit.readOnly')}</p>`
}`;
  return sendPage(reply, page, status, layout(page, msg(lang, 'calendarEdit.title', { year: String(year) }), body));
}

function yearOfQuery(text: string | undefined, today: IsoDate): number {
  if (text === undefined || text === '') return yearOf(today);
  const year = /^\d{4}$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(year)) throw new AppError('invalid-input', `year "${text}"`, { field: 'year', rule: 'type' });
  if (year < FIRST_EDITABLE_YEAR || year > LAST_EDITABLE_YEAR)
    throw new AppError('invalid-input', `year ${year}`, { field: 'year', rule: 'range' });
  return year;
}

function redirectAfter(
  reply: FastifyReply,
  councilId: string,
  lang: Lang,
  year: number,
  done: string,
  signal: SignalOutcome,
): FastifyReply {
  const n = signal.state === 'sent' ? signal.signalled.length : signal.notSent.length;
  const params = new URLSearchParams({ year: String(year), lang, done });
  if (signal.state !== 'unchanged') {
    params.set('signal', signal.state);
    params.set('n', String(n));
  }
  return reply.redirect(`${calendarPath(councilId)}?${params.toString()}#result`, 303);
}

export function calendarEditPages(app: App, deps: AppDeps): void {
  const clock = deps.clock ?? Date.now;
  const readers = requireCouncilRole(deps.db, ['staff', 'deputy']);
  const editors = requireCouncilRole(deps.db, ['staff']);
  const todayOf = () => bishkekDateOf(clock());

  app.get(
    '/manage/councils/:councilId/calendar',
    {
      schema: { hide: true, params: Params, querystring: PageQuery },
      config: { access: ['staff', 'deputy'], page: true },
      preValidation: readers,
    },
    async (request, reply) => {
      const q = request.query;
      const year = yearOfQuery(q.year, todayOf());
      return render(deps, request, reply, 200, {
        councilId: request.params.councilId,
        year,
        done: q.done,
        signal: q.signal,
        n: q.n,
        prefill: { date: q.date, scope: q.scope },
      });
    },
  );

  app.post(
    '/manage/councils/:councilId/calendar',
    {
      schema: { hide: true, params: Params, querystring: PageQuery, body: SaveForm },
      config: { access: ['staff'], page: true },
      preValidation: editors,
    },
    async (request, reply) => {
      const { councilId } = request.params;
      const b = request.body;
      const values: FormValues = {
        date: b.date ?? '',
        type: b.type ?? '',
        'name.ky': b['name.ky'] ?? '',
        'name.ru': b['name.ru'] ?? '',
        status: b.status ?? '',
        scope: b.scope ?? '',
      };
      let result: ChangeResult;
      try {
        result = await saveCalendarDay(
          deps,
          signedInAccount(request),
          councilId,
          {
            date: values.date,
            type: values.type,
            name: { ky: values['name.ky'], ru: values['name.ru'] },
            status: values.status,
            scope: values.scope,
          },
          requestLang(request),
        );
      } catch (error) {
        const e = toAppError(error);
        if (e.code !== 'invalid-input' && e.code !== 'forbidden') throw error;
        const year =
          isIsoDate(values.date) &&
          yearOf(values.date) >= FIRST_EDITABLE_YEAR &&
          yearOf(values.date) <= LAST_EDITABLE_YEAR
            ? yearOf(values.date)
            : yearOf(todayOf());
        return render(deps, request, reply, e.code === 'forbidden' ? 403 : 400, { councilId, year, values, error: e });
      }
      return redirectAfter(
        reply,
        councilId,
        pageRequest(request, '').lang,
        yearOf(result.date),
        result.appended > 0 ? 'saved' : 'unchanged',
        result.signal,
      );
    },
  );

  app.post(
    '/manage/councils/:councilId/calendar/remove',
    {
      schema: { hide: true, params: Params, querystring: PageQuery, body: RemoveForm },
      config: { access: ['staff'], page: true },
      preValidation: editors,
    },
    async (request, reply) => {
      const { councilId } = request.params;
      const lang = pageRequest(request, '').lang;
      const date = request.body.date ?? '';
      let result: ChangeResult;
      try {
        result = await removeCalendarDay(deps, signedInAccount(request), councilId, date, request.body.scope, lang);
      } catch (error) {
        const e = toAppError(error);
        if (e.code !== 'invalid-input' && e.code !== 'not-found' && e.code !== 'conflict') throw error;
        const year =
          isIsoDate(date) && yearOf(date) >= FIRST_EDITABLE_YEAR && yearOf(date) <= LAST_EDITABLE_YEAR
            ? yearOf(date)
            : yearOf(todayOf());
        return render(deps, request, reply, e.code === 'invalid-input' ? 400 : e.code === 'not-found' ? 404 : 409, {
          councilId,
          year,
          error: e,
        });
      }
      return redirectAfter(reply, councilId, lang, yearOf(result.date), 'removed', result.signal);
    },
  );

  app.post(
    '/manage/councils/:councilId/calendar/signal',
    {
      schema: { hide: true, params: Params, querystring: PageQuery, body: SignalForm },
      config: { access: ['staff'], page: true },
      preValidation: editors,
    },
    async (request, reply) => {
      const { councilId } = request.params;
      const signal = await resignal(deps, signedInAccount(request), councilId);
      return redirectAfter(reply, councilId, pageRequest(request, '').lang, yearOf(todayOf()), 'signalled', signal);
    },
  );
}
