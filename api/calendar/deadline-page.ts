// GET /deadline: the public deadline calculator as a plain GET form. With key and from it shows the due date, the
// count in one sentence, then as a picture (the months it spans as small grids, api/ui/calendar-grid.ts), then the one
// list of the non-working days skipped and the rule; bad input gives a 400 page naming the field.
import { clauseText } from '../../domain/obligation-messages';
import { calendarForCouncil } from '../../db/pending';
import { formatDay } from '../../domain/calendar-format';
import { deadlineGrid } from '../../domain/calendar-grid';
import { isIsoDate } from '../../domain/dates';
import {
  computeDeadline,
  explainDeadline,
  isObligationKey,
  OBLIGATION_KEYS,
  OBLIGATIONS,
  type DeadlineResult,
} from '../../domain/deadlines';
import type { Calendar } from '../../domain/calendar';
import type { Lang } from '../../domain/i18n';
import type { App, AppDeps } from '../app-types';
import { msg, type MessageKey } from '../ui/messages';
import { html, type Html } from '../ui/html';
import { CALENDAR_GRID_STYLE, calendarGrid, calendarNameIn, skippedDaysList } from '../ui/calendar-grid';
import { layout } from '../ui/layout';
import { pageRequest, queryString, sendPage } from '../ui/respond';

type Field = 'key' | 'from';
const FIELD_LABEL: Readonly<Record<Field, MessageKey>> = { key: 'deadline.key', from: 'deadline.from' };

interface FormError {
  field: Field;
  message: string;
}

function form(lang: Lang, key: string, from: string, error: FormError | null): Html {
  const invalid = (f: Field) => (error?.field === f ? html` aria-invalid="true" aria-describedby="form-error"` : '');
  return html`<form method="get" action="/deadline">
<input type="hidden" name="lang" value="${lang}">
<label for="key">${msg(lang, 'deadline.key')}</label>
<select id="key" name="key" required${invalid('key')}>
${OBLIGATION_KEYS.map((k) => html`<option value="${k}"${k === key ? html` selected` : ''}>${OBLIGATIONS[k].title[lang]} (${clauseIn(lang, OBLIGATIONS[k].clause)})</option>\n`)}
</select>
<label for="from">${msg(lang, 'deadline.from')}</label>
<input id="from" name="from" type="date" value="${from}" required${invalid('from')}>
<div><button type="submit">${msg(lang, 'deadline.submit')}</button></div>
</form>`;
}

/** A clause as the glossary writes it in each language ("5.4.1-пункт", "пункт 5.4.1"); a law is named, not numbered. */
export function clauseIn(lang: Lang, clause: string): string {
  return clauseText(lang, clause);
}

/** The count in one sentence, in the rule's own unit: working days, calendar days, months or years. */
function summary(lang: Lang, r: DeadlineResult, calendar: Calendar): string {
  const ob = OBLIGATIONS[r.key];
  const n = r.rule.n + (r.extended && ob.extension ? ob.extension.workingDays : 0);
  const day = (d: string) => formatDay(lang, d);
  const landing = r.movedFrom ?? r.due;
  const info = calendar.describeDay(landing);
  const name = info.name ? calendarNameIn(lang, info.name) : msg(lang, 'calc.kind.weekend');
  switch (r.rule.kind) {
    case 'working-days-after':
    case 'working-days-before':
      return msg(lang, r.rule.kind === 'working-days-after' ? 'calc.summary.working' : 'calc.summary.workingBefore', {
        n,
        from: day(r.from),
        first: day(r.counted[0] ?? r.due),
        due: day(r.due),
        skipped: r.skipped.length,
      });
    case 'calendar-days-after':
      return r.movedFrom
        ? msg(lang, 'calc.summary.calendarMoved', { n, landing: day(landing), name, due: day(r.due) })
        : msg(lang, 'calc.summary.calendar', { n, landing: day(landing) });
    case 'months-after':
      return r.movedFrom
        ? msg(lang, 'calc.summary.monthsMoved', { n, landing: day(landing), name, due: day(r.due) })
        : msg(lang, 'calc.summary.months', { n, landing: day(landing) });
    case 'years-after':
      return msg(lang, 'calc.summary.years', { n, due: day(r.due) });
  }
}

/** The notes on years whose holidays are estimated or missing: the last lines of the domain's explanation. */
function calendarNotes(lang: Lang, r: DeadlineResult): string[] {
  return r.calendarNotes.length === 0 ? [] : explainDeadline(r, lang).slice(-r.calendarNotes.length);
}

function result(lang: Lang, r: DeadlineResult, calendar: Calendar): Html {
  const ob = OBLIGATIONS[r.key];
  const grid = deadlineGrid(r, calendar);
  const marked = r.movedFrom ? { from: r.from, due: r.due, landing: r.movedFrom } : { from: r.from, due: r.due };
  return html`<section aria-live="polite">
<h2>${msg(lang, 'deadline.due')}: <time datetime="${r.due}">${formatDay(lang, r.due)}</time></h2>
<p>${summary(lang, r, calendar)}</p>
${calendarNotes(lang, r).map((line) => html`<p class="notice">${line}</p>`)}
<h3>${msg(lang, 'calc.months')}</h3>
${calendarGrid(lang, grid, marked)}
${r.rule.kind === 'years-after' ? '' : skippedDaysList(lang, r.skipped)}
<h3>${msg(lang, 'calc.details')}</h3>
<dl>
<dt>${msg(lang, 'calc.obligation')}</dt><dd>${ob.title[lang]} (${clauseIn(lang, ob.clause)})</dd>
<dt>${msg(lang, 'calc.party')}</dt><dd>${ob.party[lang]}</dd>
<dt>${msg(lang, 'calc.anchor')}</dt><dd>${ob.anchor[lang]}, <time datetime="${r.from}">${formatDay(lang, r.from)}</time></dd>
</dl>
<p>${msg(lang, 'calc.dueAt', { date: formatDay(lang, r.due) })}</p>
</section>`;
}

export function deadlinePage(app: App, deps: AppDeps): void {
  app.get(
    '/deadline',
    { schema: { hide: true }, config: { access: ['public'], page: true } },
    async (request, reply) => {
      const key = queryString(request, 'key');
      const from = queryString(request, 'from');
      const kept: Record<string, string> = {};
      if (key !== undefined) kept.key = key;
      if (from !== undefined) kept.from = from;
      const page = pageRequest(request, '/deadline', kept);
      const lang = page.lang;
      const title = msg(lang, 'deadline.title');
      if (key === undefined && from === undefined)
        return sendPage(reply, page, 200, layout(page, title, form(lang, OBLIGATION_KEYS[0], '', null)));

      const fieldName = (f: Field) => msg(lang, FIELD_LABEL[f]);
      let error: FormError | null = null;
      if (key === undefined || key === '')
        error = { field: 'key', message: msg(lang, 'error.required', { field: fieldName('key') }) };
      else if (!isObligationKey(key))
        error = { field: 'key', message: msg(lang, 'error.oneOf', { field: fieldName('key') }) };
      else if (from === undefined || from === '')
        error = { field: 'from', message: msg(lang, 'error.required', { field: fieldName('from') }) };
      else if (!isIsoDate(from))
        error = { field: 'from', message: msg(lang, 'error.date', { field: fieldName('from') }) };
      if (error || key === undefined || from === undefined || !isObligationKey(key)) {
        const shown = error ?? {
          field: 'key' as const,
          message: msg(lang, 'error.required', { field: fieldName('key') }),
        };
        const body = html`<p id="form-error" class="error" role="alert">${msg(lang, 'error.title')}: ${shown.message}</p>${form(lang, key ?? '', from ?? '', shown)}`;
        return sendPage(reply, page, 400, layout(page, title, body));
      }
      const calendar = await calendarForCouncil(deps.db, null);
      const r = computeDeadline(key, from, calendar);
      return sendPage(
        reply,
        page,
        200,
        layout(page, title, html`${form(lang, key, from, null)}${result(lang, r, calendar)}`, {
          stylesheet: CALENDAR_GRID_STYLE,
        }),
      );
    },
  );
}
