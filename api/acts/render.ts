// Pieces of the act pages shared by the staff page (/manage/acts/:actId) and the object's page (/acts/:actId/respond):
// the act's 8.1 content, its annex files, and where its procedure stands (4.3: each obligation's due date and the
// days left, responses with their late flag). Everything is escaped by the html template.
import { clauseText, daysLeftText as daysLeftIn } from '../../domain/obligation-messages';
import type { Act } from '../../db/acts';
import type { MonitoredObject } from '../../db/objects';
import { FINDING_METHODS, MONITORED_OBJECT_KINDS } from '../../domain/act';
import type { Lang } from '../../domain/i18n';
import { dmy } from '../../domain/messages';
import { msg } from '../ui/messages';
import type { ActProgress, ObligationProgress, ResponseProgress } from './progress';
import { annexUrl, responseFileUrl } from './view';
import { html, type Html } from '../ui/html';
import { scrollBox } from '../ui/layout';

const row = (label: string, value: Html | string): Html =>
  html`<tr><th scope="row">${label}</th><td>${value}</td></tr>\n`;
const dash = (value: string | null | undefined): string => (value && value.trim() !== '' ? value : '—');

export const kb = (bytes: number): string => `${Math.max(1, Math.round(bytes / 1024))} KB`;

/** 8.1: purpose, subject, object, place, period, results (facts and findings with their method), recommendations, annexes. */
export function actContent(lang: Lang, act: Act, object: MonitoredObject | null): Html {
  const d = act.draft;
  const period =
    d.periodStart || d.periodEnd
      ? [d.periodStart, d.periodEnd].map((x) => (x ? (/^\d{4}-\d{2}-\d{2}$/.test(x) ? dmy(x) : x) : '…')).join(' – ')
      : '—';
  const kind = d.object?.kind ?? object?.kind ?? null;
  const findings = d.findings ?? [];
  const recommendations = (d.recommendations ?? []).filter((r) => r.trim() !== '');
  const annexes = d.annexes ?? [];
  const none = html`<p>${msg(lang, 'act.none')}</p>`;
  return html`${scrollBox(
    msg(lang, 'manageActs.contentTitle'),
    html`<table class="act"><tbody>
${row(msg(lang, 'act.purpose'), dash(d.purpose))}${row(msg(lang, 'acts.subject'), dash(d.subject))}${row(msg(lang, 'acts.object'), dash(d.object?.name ?? object?.name.ky))}${row(msg(lang, 'act.objectKind'), kind ? MONITORED_OBJECT_KINDS[kind][lang] : '—')}${row(msg(lang, 'act.place'), dash(d.place))}${row(msg(lang, 'act.period'), period)}</tbody></table>`,
  )}
${d.resultsSummary ? html`<h3>${msg(lang, 'act.summary')}</h3><p>${d.resultsSummary}</p>` : ''}
<h3>${msg(lang, 'act.findings')}</h3>
${
  findings.length === 0
    ? none
    : html`<ol class="findings">${findings.map((f) => {
        const method = f.method
          ? [FINDING_METHODS[f.method]?.[lang] ?? f.method, f.methodNote ?? ''].filter(Boolean).join(': ')
          : '';
        return html`<li><strong>${msg(lang, f.kind === 'fact' ? 'act.fact' : 'act.evaluation')}.</strong> ${f.text ?? ''}${method ? html` <em>(${msg(lang, 'act.method')}: ${method})</em>` : ''}</li>`;
      })}</ol>`
}
<h3>${msg(lang, 'act.recommendations')}</h3>
${recommendations.length === 0 ? none : html`<ol>${recommendations.map((r) => html`<li>${r}</li>`)}</ol>`}
<h3>${msg(lang, 'act.annexes')}</h3>
${annexes.length === 0 ? none : html`<ol>${annexes.map((a) => html`<li>${a.title}${a.kind ? html` <span class="muted">(${msg(lang, `manageActs.annexKind.${a.kind}`)})</span>` : ''}</li>`)}</ol>`}`;
}

/** The files attached to the act (downloads: public once issued, readers of the staff page while a draft). */
export function annexFiles(lang: Lang, act: Act): Html {
  if (act.annexes.length === 0) return html`<p>${msg(lang, 'manageActs.noFiles')}</p>`;
  return html`<ul>${act.annexes.map((a) => html`<li><a href="${annexUrl(act.id, a.id)}">${a.fileName}</a> <span class="muted">(${a.mediaType}, ${kb(a.sizeBytes)})</span></li>`)}</ul>`;
}

/** Days left or overdue in the rule's own unit, as the dashboard, the mails and the CLI say them. */
export function daysLeftText(lang: Lang, o: ObligationProgress): string {
  return o.daysLeft ? daysLeftIn(lang, o.daysLeft) : '';
}

export function obligationStatus(lang: Lang, o: ObligationProgress): string {
  if (o.fulfilled)
    return o.fulfilled.late ? msg(lang, 'manageActs.status.metLate') : msg(lang, 'manageActs.status.met');
  return msg(lang, `manageActs.status.${o.status}`);
}

/** The obligations as a table: what, by which clause, who owes it, due date, days left or overdue, status. */
export function obligationsTable(
  lang: Lang,
  obligations: readonly ObligationProgress[],
  options: { party?: boolean } = {},
): Html {
  if (obligations.length === 0) return html`<p>${msg(lang, 'manageActs.noObligations')}</p>`;
  return scrollBox(
    msg(lang, 'manageActs.obligationsTitle'),
    html`<table>
<thead><tr><th scope="col">${msg(lang, 'manageActs.obligation')}</th>${options.party ? html`<th scope="col">${msg(lang, 'manageActs.party')}</th>` : ''}<th scope="col">${msg(lang, 'manageActs.due')}</th><th scope="col">${msg(lang, 'manageActs.daysLeft')}</th><th scope="col">${msg(lang, 'acts.status')}</th></tr></thead>
<tbody>
${obligations.map(
  (o) =>
    html`<tr${o.overdue ? html` class="overdue"` : ''}><td>${o.title[lang]} <span class="muted">(${clauseText(lang, o.clause)})</span></td>${options.party ? html`<td>${partyName(lang, o.party)}</td>` : ''}<td>${o.due ? dmy(o.due) : '—'}</td><td>${daysLeftText(lang, o)}</td><td>${obligationStatus(lang, o)}${o.escalated ? html` · ${msg(lang, 'manageActs.escalated')}` : ''}</td></tr>\n`,
)}</tbody></table>`,
  );
}

export function partyName(lang: Lang, party: string): string {
  return party === 'executive-body'
    ? msg(lang, 'manageActs.party.executive')
    : party.startsWith('object:')
      ? msg(lang, 'manageActs.party.object')
      : party;
}

/** The responses (first first): date, which obligation, late or on time, amendment of which, text and files. */
export function responsesList(
  lang: Lang,
  actId: string,
  responses: readonly ResponseProgress[],
  options: { text: boolean; fileLinks: boolean },
): Html {
  if (responses.length === 0) return html`<p>${msg(lang, 'manageActs.noResponses')}</p>`;
  return html`<ol class="responses">${responses.map(
    (r) =>
      html`<li id="response-${r.responseId}"><strong>${dmy(r.respondedOn)}</strong> · ${msg(lang, `manageActs.key.${r.obligationKey === 'executive-report' ? 'executive-report' : 'object-response'}`)} · ${r.late ? html`<span class="overdue">${msg(lang, 'manageActs.late')}</span>` : msg(lang, 'manageActs.onTime')}${r.supersedes ? html` · ${msg(lang, 'manageActs.amends')}` : ''}${
        options.text ? html`<br><span class="pre-wrap">${r.text}</span>` : ''
      }${r.files.length > 0 ? html`<br>${msg(lang, 'manageActs.files')}: ${r.files.map((f, i) => html`${i > 0 ? ', ' : ''}${options.fileLinks ? html`<a href="${responseFileUrl(actId, f.id)}">${f.fileName}</a>` : f.fileName} <span class="muted">(${kb(f.sizeBytes)})</span>`)}` : ''}</li>`,
  )}</ol>`;
}

/** The step of the procedure in words. */
export function stepText(lang: Lang, progress: ActProgress): string {
  return msg(lang, `manageActs.step.${progress.step}`);
}
