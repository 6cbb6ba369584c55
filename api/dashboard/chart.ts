// The dashboard's small chart: open and overdue obligations by object as server-rendered inline SVG (no script).
// Accessible: role="img" with a <title> and a <desc> that says the numbers, a text label and the counts on every row
// (colour is never the only carrier), and the same numbers in a table below.
import type { Lang } from '../../domain/i18n';
import { msg } from '../ui/messages';
import type { ChartRow } from './data';
import { nameIn } from './text';
import { html, type Html } from '../ui/html';
import { scrollBox } from '../ui/layout';

const WIDTH = 360;
const LABEL_WIDTH = 130;
const BAR_X = LABEL_WIDTH + 8;
const BAR_MAX = WIDTH - BAR_X - 52;
const ROW = 26;
const TOP = 30;
const OVERDUE_COLOUR = '#b00020';
const OPEN_COLOUR = '#1565c0';

export function chartLabel(lang: Lang, row: ChartRow): string {
  return row.name ? nameIn(lang, row.name) : msg(lang, 'dashboard.chart.formation');
}

function shorten(text: string, max = 19): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function obligationsChart(lang: Lang, rows: readonly ChartRow[]): Html {
  if (rows.length === 0) return html`<p>${msg(lang, 'dashboard.chart.empty')}</p>`;
  const max = Math.max(...rows.map((r) => r.overdue + r.open));
  const scale = (n: number) => (max === 0 ? 0 : Math.round((n / max) * BAR_MAX));
  const height = TOP + rows.length * ROW + 4;
  const summary = rows
    .map((r) =>
      msg(lang, 'dashboard.chart.row', { name: chartLabel(lang, r), overdue: String(r.overdue), open: String(r.open) }),
    )
    .join('; ');
  const bars = rows.map((r, i) => {
    const y = TOP + i * ROW;
    const wOverdue = scale(r.overdue);
    const wOpen = scale(r.open);
    const label = chartLabel(lang, r);
    return html`<g data-object="${r.objectId ?? ''}" data-overdue="${r.overdue}" data-open="${r.open}"><title>${msg(lang, 'dashboard.chart.row', { name: label, overdue: String(r.overdue), open: String(r.open) })}</title>
<text x="0" y="${y + 15}" font-size="12">${shorten(label)}</text>
${wOverdue > 0 ? html`<rect x="${BAR_X}" y="${y + 3}" width="${wOverdue}" height="16" fill="${OVERDUE_COLOUR}"></rect>` : ''}
${wOpen > 0 ? html`<rect x="${BAR_X + wOverdue}" y="${y + 3}" width="${wOpen}" height="16" fill="${OPEN_COLOUR}"></rect>` : ''}
<text x="${BAR_X + wOverdue + wOpen + 4}" y="${y + 15}" font-size="12">${r.overdue} + ${r.open}</text></g>`;
  });
  return html`<figure class="chart">
<svg role="img" aria-labelledby="chart-title chart-desc" viewBox="0 0 ${WIDTH} ${height}" width="100%" xmlns="http://www.w3.org/2000/svg">
<title id="chart-title">${msg(lang, 'dashboard.chart.title')}</title>
<desc id="chart-desc">${summary}</desc>
<rect x="0" y="4" width="12" height="12" fill="${OVERDUE_COLOUR}"></rect><text x="16" y="14" font-size="12">${msg(lang, 'dashboard.chart.overdue')}</text>
<rect x="${WIDTH / 2}" y="4" width="12" height="12" fill="${OPEN_COLOUR}"></rect><text x="${WIDTH / 2 + 16}" y="14" font-size="12">${msg(lang, 'dashboard.chart.open')}</text>
${bars}
</svg>
<figcaption class="muted">${msg(lang, 'dashboard.chart.caption')}</figcaption>
</figure>
<details><summary>${msg(lang, 'dashboard.chart.table')}</summary>
${scrollBox(
  msg(lang, 'dashboard.chart.table'),
  html`<table class="chart-data">
<thead><tr><th scope="col">${msg(lang, 'dashboard.chart.object')}</th><th scope="col">${msg(lang, 'dashboard.chart.overdue')}</th><th scope="col">${msg(lang, 'dashboard.chart.open')}</th><th scope="col">${msg(lang, 'dashboard.chart.total')}</th></tr></thead>
<tbody>${rows.map((r) => html`<tr><th scope="row">${chartLabel(lang, r)}</th><td>${r.overdue}</td><td>${r.open}</td><td>${r.overdue + r.open}</td></tr>`)}</tbody>
</table>`,
)}
</details>`;
}
