// GET /deadline: the public deadline calculator as a plain GET form. With key and from it shows the due date, the
// working days counted and every non-working day skipped with its name; bad input gives a 400 page naming the field.
import { calendarForCouncil } from '../../db/pending';
import { formatDay } from '../../domain/calendar-format';
import { isIsoDate } from '../../domain/dates';
import {
  computeDeadline,
  explainDeadline,
  isObligationKey,
  OBLIGATION_KEYS,
  OBLIGATIONS,
  type DeadlineResult,
} from '../../domain/deadlines';
import type { Lang } from '../../domain/i18n';
import type { App, AppDeps } from '../app-types';
import { msg, type MessageKey } from '../ui/messages';
import { html, type Html } from '../ui/html';
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
${OBLIGATION_KEYS.map((k) => html`<option value="${k}"${k === key ? html` selected` : ''}>${OBLIGATIONS[k].title[lang]} (${OBLIGATIONS[k].clause})</option>\n`)}
</select>
<label for="from">${msg(lang, 'deadline.from')}</label>
<input id="from" name="from" type="date" value="${from}" required${invalid('from')}>
<div><button type="submit">${msg(lang, 'deadline.submit')}</button></div>
</form>`;
}

function result(lang: Lang, r: DeadlineResult): Html {
  const nameIn = (name: { ky: string; ru: string }) => (lang === 'ky' ? name.ky : name.ru);
  return html`<section aria-live="polite">
<h2>${msg(lang, 'deadline.due')}: <time datetime="${r.due}">${formatDay(lang, r.due)}</time></h2>
<h3>${msg(lang, 'deadline.counted')} (${r.counted.length})</h3>
<ol>${r.counted.map((d) => html`<li><time datetime="${d}">${formatDay(lang, d)}</time></li>`)}</ol>
<h3>${msg(lang, 'deadline.skipped')} (${r.skipped.length})</h3>
${
  r.skipped.length === 0
    ? html`<p>${msg(lang, 'deadline.noneSkipped')}</p>`
    : html`<ul>${r.skipped.map((s) => html`<li><time datetime="${s.date}">${formatDay(lang, s.date)}</time>: ${s.name ? nameIn(s.name) : msg(lang, 'deadline.weekend')}</li>`)}</ul>`
}
<h3>${msg(lang, 'deadline.explanation')}</h3>
${explainDeadline(r, lang).map((line) => html`<p>${line}</p>`)}
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
      return sendPage(reply, page, 200, layout(page, title, html`${form(lang, key, from, null)}${result(lang, r)}`));
    },
  );
}
