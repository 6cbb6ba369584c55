// A deadline's count drawn as small month grids (server-rendered tables, no script), for the calculator and for any
// page that shows a due date (an act, an object's answer): the days counted numbered, weekends and holidays shaded
// and named by a letter in one legend, the anchor ◆, the landing day ↷ and the due day ★ marked by a sign as well
// as a colour, and each cell described in words for screen readers. Its styles are a served file of their own
// (CALENDAR_GRID_STYLE, registered in stylesheet-route.ts), since the Content-Security-Policy forbids inline styles.
import { createHash } from 'node:crypto';
import type { CalendarName } from '../../domain/calendar';
import type { DeadlineGrid, GridDay, GridDayKind } from '../../domain/calendar-grid';
import { formatDay, weekdayName } from '../../domain/calendar-format';
import { addDays, type IsoDate } from '../../domain/dates';
import type { SkippedDay } from '../../domain/deadlines';
import type { Lang } from '../../domain/i18n';
import { dmy } from '../../domain/messages';
import { html, type Html } from './html';
import { msg } from './messages';
import type { Stylesheet } from './stylesheets';

const css = `
.cal-months{display:flex;flex-wrap:wrap;gap:.75rem 1.5rem;align-items:flex-start;margin:.5rem 0}
.cal-omitted{align-self:center;color:#555}
table.cal{width:auto;border-collapse:separate;border-spacing:2px;table-layout:fixed;margin:0}
table.cal caption{text-align:left;font-weight:600;padding:.2rem 0}
table.cal th{width:2.6rem;padding:0 0 .1rem;text-align:center;font-size:.75rem;font-weight:600;color:#444;background:none;border:0}
table.cal td{width:2.6rem;height:2.75rem;padding:.1rem .2rem;vertical-align:top;text-align:left;font-size:.85rem;line-height:1.15;border:1px solid #c9d6e0;border-radius:3px;background:#fff}
table.cal tbody tr:nth-child(even){background:none}
table.cal td.out{border:0;background:none}
table.cal td.k-weekend{background:#e6eaee}
table.cal td.k-holiday,table.cal td.k-day-off{background:#c3ccd5;border-color:#8d9aa6}
table.cal td.due{outline:3px solid #0b3d5c;outline-offset:-1px}
table.cal td.anchor,table.cal td.landing{border-style:dashed;border-color:#0b3d5c}
table.cal .d{font-weight:600}
table.cal .m{font-size:.8rem;margin-left:.1rem}
table.cal .c{display:inline-block;min-width:1.2rem;margin-top:.15rem;padding:0 .2rem;border-radius:.6rem;background:#0b3d5c;color:#fff;font-size:.7rem;font-weight:600;text-align:center}
table.cal td.skipped .d{text-decoration:line-through}
table.cal sup{font-size:.7rem;font-weight:700;color:#1a1a1a}
.cal-vh{position:absolute;width:1px;height:1px;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0;padding:0}
ul.cal-legend{list-style:none;padding:0;margin:.5rem 0;font-size:.9rem}
ul.cal-legend li{margin:.2rem 0}
.cal-sw{display:inline-block;width:1.1rem;height:1.1rem;vertical-align:-.2rem;margin-right:.35rem;border:1px solid #8d9aa6;border-radius:2px;background:#fff}
.cal-sw.k-weekend{background:#e6eaee}
.cal-sw.k-holiday{background:#c3ccd5}
.cal-sw.c{background:#0b3d5c;border-color:#0b3d5c;border-radius:.55rem}
@media print{table.cal td.k-weekend,table.cal td.k-holiday,table.cal td.k-day-off{background:#eee}table.cal .c{background:none;color:#000;border:1px solid #000}}
`;

/** The grid's styles, served as /assets/calendar-grid.<hash>.css (pages pass it to layout() as their stylesheet). */
export const CALENDAR_GRID_STYLE: Stylesheet = {
  path: `/assets/calendar-grid.${createHash('sha256').update(css).digest('hex').slice(0, 12)}.css`,
  css,
};

const MONTHS: Record<Lang, readonly string[]> = {
  ky: [
    'январь',
    'февраль',
    'март',
    'апрель',
    'май',
    'июнь',
    'июль',
    'август',
    'сентябрь',
    'октябрь',
    'ноябрь',
    'декабрь',
  ],
  ru: [
    'январь',
    'февраль',
    'март',
    'апрель',
    'май',
    'июнь',
    'июль',
    'август',
    'сентябрь',
    'октябрь',
    'ноябрь',
    'декабрь',
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
};

/** Monday-first short weekday names, with the full name for screen readers. */
const WEEK: Record<Lang, readonly string[]> = {
  ky: ['Дш', 'Шш', 'Шр', 'Бш', 'Жм', 'Иш', 'Жк'],
  ru: ['Пн', 'Вт', 'Ср', 'Чт', 'Пт', 'Сб', 'Вс'],
  en: ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'],
};
/** 5 January 2026 is a Monday: the full names of the week from it. */
const WEEK_FULL = (lang: Lang) => Array.from({ length: 7 }, (_, i) => weekdayName(lang, addDays('2026-01-05', i)));

/** The calendar's names in English (the calendar keeps Kyrgyz and Russian), keyed by the Russian name. */
const ENGLISH_NAMES: Readonly<Record<string, string>> = {
  'Новый год': 'New Year',
  'Новогодние праздники': 'New Year holidays',
  'Рождество Христово': 'Orthodox Christmas',
  'Международный женский день': "International Women's Day",
  Нооруз: 'Nooruz',
  'Праздник труда': 'Labour Day',
  'Майские праздники': 'May holidays',
  'День Конституции': 'Constitution Day',
  'День Победы': 'Victory Day',
  'День независимости': 'Independence Day',
  'Орозо айт': 'Orozo Ait',
  'Курман айт': 'Kurman Ait',
  'Выходной день по постановлению Кабинета Министров': 'Day off by decree of the Cabinet of Ministers',
  'Рабочий день по постановлению Кабинета Министров (перенесённая суббота)':
    'Working day by decree of the Cabinet of Ministers (a Saturday worked)',
};

/** A holiday's or transfer's name in the page's language (English from the table, else the Russian name). */
export function calendarNameIn(lang: Lang, name: CalendarName): string {
  if (lang === 'ky') return name.ky;
  if (lang === 'ru') return name.ru;
  return ENGLISH_NAMES[name.ru] ?? name.ru;
}

/** The letter a legend entry is marked with in the cells: a, b, c … */
const letter = (note: number) => String.fromCharCode(96 + note);

const kindLabel = (lang: Lang, kind: GridDayKind) => msg(lang, `calc.kind.${kind}`);

function cellText(lang: Lang, grid: DeadlineGrid, d: GridDay, name: string | undefined): string {
  const parts = [formatDay(lang, d.date), name ? `${kindLabel(lang, d.kind)}, ${name}` : kindLabel(lang, d.kind)];
  if (d.count !== undefined) parts.push(msg(lang, 'calc.cell.count', { unit: grid.unit, n: d.count }));
  if (d.anchor) parts.push(msg(lang, 'calc.cell.anchor'));
  if (d.skipped) parts.push(msg(lang, 'calc.cell.skipped'));
  if (d.landing) parts.push(msg(lang, 'calc.cell.landing'));
  if (d.due) parts.push(msg(lang, 'calc.cell.due'));
  return parts.join('; ');
}

function dayCell(lang: Lang, grid: DeadlineGrid, d: GridDay | null): Html {
  if (d === null) return html`<td class="out"></td>`;
  const entry = d.note === undefined ? undefined : grid.legend[d.note - 1];
  const name = entry ? calendarNameIn(lang, entry.name) : undefined;
  const classes = [
    `k-${d.kind}`,
    d.due ? 'due' : '',
    d.anchor ? 'anchor' : '',
    d.landing ? 'landing' : '',
    d.skipped ? 'skipped' : '',
  ].filter(Boolean);
  const marks = `${d.anchor ? '◆' : ''}${d.landing ? '↷' : ''}${d.due ? '★' : ''}`;
  return html`<td class="${classes.join(' ')}"><span aria-hidden="true"><span class="d">${d.day}</span>${d.note !== undefined ? html`<sup>${letter(d.note)}</sup>` : ''}${marks ? html`<span class="m">${marks}</span>` : ''}${d.count !== undefined ? html`<br><span class="c">${d.count}</span>` : ''}</span><span class="cal-vh">${cellText(lang, grid, d, name)}</span></td>`;
}

/** Consecutive dates as ranges: "02.01.2026–06.01.2026, 08.01.2026". */
function dateRanges(dates: readonly IsoDate[]): string {
  const out: string[] = [];
  let start: IsoDate | undefined;
  let prev: IsoDate | undefined;
  const flush = () => {
    if (start !== undefined && prev !== undefined) out.push(start === prev ? dmy(start) : `${dmy(start)}–${dmy(prev)}`);
  };
  for (const d of dates) {
    if (prev !== undefined && addDays(prev, 1) === d) {
      prev = d;
      continue;
    }
    flush();
    start = d;
    prev = d;
  }
  flush();
  return out.join(', ');
}

/** The months of a count as grids, then their one legend (signs, shading, and each named day by its letter). */
export function calendarGrid(
  lang: Lang,
  grid: DeadlineGrid,
  marked: { from: IsoDate; due: IsoDate; landing?: IsoDate },
): Html {
  const full = WEEK_FULL(lang);
  const head = html`<thead><tr>${WEEK[lang].map((w, i) => html`<th scope="col"><abbr title="${full[i]}">${w}</abbr></th>`)}</tr></thead>`;
  const months = grid.months.map(
    (m, i) =>
      html`${i === 1 && grid.omittedMonths > 0 ? html`<p class="cal-omitted">${msg(lang, 'calc.omitted', { n: grid.omittedMonths })}</p>` : ''}<table class="cal"><caption>${msg(lang, 'calc.monthCaption', { month: MONTHS[lang][m.month - 1]!, year: String(m.year) })}</caption>${head}<tbody>${m.weeks.map((w) => html`<tr>${w.map((d) => dayCell(lang, grid, d))}</tr>`)}</tbody></table>`,
  );
  const kinds = new Set(grid.months.flatMap((m) => m.weeks.flat().map((d) => d?.kind)));
  const legend: Html[] = [];
  if (grid.unit !== 'none')
    legend.push(
      html`<li><span class="cal-sw c" aria-hidden="true"></span>${msg(lang, 'calc.legend.counted', { unit: grid.unit })}</li>`,
    );
  legend.push(html`<li>${msg(lang, 'calc.legend.anchor', { date: dmy(marked.from) })}</li>`);
  if (marked.landing) legend.push(html`<li>${msg(lang, 'calc.legend.landing', { date: dmy(marked.landing) })}</li>`);
  legend.push(html`<li>${msg(lang, 'calc.legend.due', { date: dmy(marked.due) })}</li>`);
  legend.push(
    html`<li><span class="cal-sw k-weekend" aria-hidden="true"></span>${msg(lang, 'calc.legend.weekend')}</li>`,
  );
  if (kinds.has('holiday') || kinds.has('day-off'))
    legend.push(
      html`<li><span class="cal-sw k-holiday" aria-hidden="true"></span>${msg(lang, 'calc.legend.holiday')}</li>`,
    );
  if (kinds.has('worked-weekend'))
    legend.push(html`<li><span class="cal-sw" aria-hidden="true"></span>${msg(lang, 'calc.legend.worked')}</li>`);
  for (const e of grid.legend)
    legend.push(
      html`<li><b>${letter(e.note)}</b> — ${dateRanges(e.dates)}: ${calendarNameIn(lang, e.name)}${e.kind === 'worked-weekend' ? '' : ` (${kindLabel(lang, e.kind)})`}</li>`,
    );
  return html`<div class="cal-months">${months}</div>
<h3>${msg(lang, 'calc.legend')}</h3>
<ul class="cal-legend">${legend}</ul>`;
}

/** The one list of the days a count passed over: runs of the same name (or of a weekend) as one line. */
export function skippedDaysList(lang: Lang, skipped: readonly SkippedDay[]): Html {
  if (skipped.length === 0) return html`<p>${msg(lang, 'calc.noneSkipped')}</p>`;
  const runs: { dates: IsoDate[]; label: string }[] = [];
  for (const s of skipped) {
    const label = s.name ? calendarNameIn(lang, s.name) : kindLabel(lang, 'weekend');
    const last = runs.at(-1);
    if (last && last.label === label && addDays(last.dates.at(-1)!, 1) === s.date) last.dates.push(s.date);
    else runs.push({ dates: [s.date], label });
  }
  return html`<h3>${msg(lang, 'calc.skipped', { n: skipped.length })}</h3>
<ul>${runs.map((r) =>
    r.dates.length === 1
      ? html`<li><time datetime="${r.dates[0]}">${formatDay(lang, r.dates[0]!)}</time>: ${r.label}</li>`
      : html`<li><time datetime="${r.dates[0]}">${formatDay(lang, r.dates[0]!)}</time> – <time datetime="${r.dates.at(-1)}">${formatDay(lang, r.dates.at(-1)!)}</time>: ${r.label} (${r.dates.length})</li>`,
  )}</ul>`;
}
