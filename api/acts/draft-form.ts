// The draft form of the staff act page: the act's 8.1 content as form fields (findings and annex titles as repeated
// rows, recommendations one per line), read back into an ActDraft. The form keeps what was typed when the page comes
// back with a refusal; unknown fields and values outside the lists are refused naming the field.
import type { ActAnnex, ActDraft, ActFinding, FindingMethod } from '../../domain/act';
import { FINDING_METHODS } from '../../domain/act';
import type { Act } from '../../db/acts';
import type { Lang } from '../../domain/i18n';
import { AppError } from '../app-error';
import { msg } from '../ui/messages';
import { html, type Html } from '../ui/html';
import { csrfField, type PageRequest } from '../ui/layout';

export interface DraftForm {
  title: string;
  purpose: string;
  subject: string;
  objectName: string;
  place: string;
  periodStart: string;
  periodEnd: string;
  resultsSummary: string;
  findings: { kind: string; text: string; method: string; note: string }[];
  recommendations: string;
  annexes: { title: string; kind: string }[];
  /** An act with no listed annex says so explicitly; 8.1 still needs one annex (a file or a described item) to issue. */
  noAnnexes: boolean;
}

const SINGLE = [
  'title',
  'purpose',
  'subject',
  'objectName',
  'place',
  'periodStart',
  'periodEnd',
  'resultsSummary',
  'recommendations',
  'noAnnexes',
] as const;
const ROWS = ['findingKind', 'findingText', 'findingMethod', 'findingNote', 'annexTitle', 'annexKind'] as const;
const ANNEX_KINDS = ['protocol', 'photo', 'visual', 'other'] as const;
/** Empty rows offered below the filled ones (more: save, and two more appear). */
const SPARE_ROWS = 2;

export function formFromAct(act: Act): DraftForm {
  const d = act.draft;
  return {
    title: act.title,
    purpose: d.purpose ?? '',
    subject: d.subject ?? '',
    objectName: d.object?.name ?? '',
    place: d.place ?? '',
    periodStart: d.periodStart ?? '',
    periodEnd: d.periodEnd ?? '',
    resultsSummary: d.resultsSummary ?? '',
    findings: (d.findings ?? []).map((f) => ({
      kind: f.kind,
      text: f.text ?? '',
      method: f.method ?? '',
      note: f.methodNote ?? '',
    })),
    recommendations: (d.recommendations ?? []).join('\n'),
    annexes: (d.annexes ?? []).map((a) => ({ title: a.title, kind: a.kind ?? '' })),
    noAnnexes: d.annexes !== null && d.annexes.length === 0,
  };
}

const list = (value: unknown): string[] =>
  Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v : '')) : typeof value === 'string' ? [value] : [];

/** The posted form (urlencoded; repeated rows as repeated names), refusing fields the form does not have. */
export function formFromBody(body: unknown): DraftForm {
  const values = (body ?? {}) as Record<string, unknown>;
  for (const name of Object.keys(values)) {
    if (
      name !== '_csrf' &&
      !(SINGLE as readonly string[]).includes(name) &&
      !(ROWS as readonly string[]).includes(name)
    ) {
      throw new AppError('invalid-input', `${name}: unknown field`, { field: name, rule: 'unknown-property' });
    }
  }
  const one = (name: (typeof SINGLE)[number]) => list(values[name]).join('\n');
  const rows = (name: (typeof ROWS)[number]) => list(values[name]);
  const [kinds, texts, methods, notes, titles, annexKinds] = ROWS.map(rows) as [
    string[],
    string[],
    string[],
    string[],
    string[],
    string[],
  ];
  const findings = texts.map((text, i) => ({
    kind: kinds[i] ?? 'fact',
    text,
    method: methods[i] ?? '',
    note: notes[i] ?? '',
  }));
  const annexes = titles.map((title, i) => ({ title, kind: annexKinds[i] ?? '' }));
  return {
    title: one('title'),
    purpose: one('purpose'),
    subject: one('subject'),
    objectName: one('objectName'),
    place: one('place'),
    periodStart: one('periodStart'),
    periodEnd: one('periodEnd'),
    resultsSummary: one('resultsSummary'),
    findings,
    recommendations: one('recommendations'),
    annexes,
    noAnnexes: one('noAnnexes') !== '',
  };
}

const orNull = (text: string): string | null => (text.trim() === '' ? null : text.trim());

/** The draft the form describes: blank fields are null (8.1 is checked at issue), empty rows dropped. */
export function draftFromForm(form: DraftForm): { title: string; draft: ActDraft } {
  const findings: ActFinding[] = [];
  form.findings.forEach((f, i) => {
    if (f.text.trim() === '' && f.method === '' && f.note.trim() === '') return;
    if (f.kind !== 'fact' && f.kind !== 'evaluation')
      throw new AppError('invalid-input', 'finding kind', {
        field: `findingKind[${i}]`,
        rule: 'one-of',
        allowed: ['fact', 'evaluation'],
      });
    if (f.method !== '' && !(f.method in FINDING_METHODS))
      throw new AppError('invalid-input', 'finding method', {
        field: `findingMethod[${i}]`,
        rule: 'one-of',
        allowed: Object.keys(FINDING_METHODS),
      });
    findings.push({
      kind: f.kind,
      text: orNull(f.text),
      method: f.method === '' ? null : (f.method as FindingMethod),
      methodNote: orNull(f.note),
    });
  });
  const annexes: ActAnnex[] = [];
  form.annexes.forEach((a, i) => {
    if (a.title.trim() === '') return;
    if (a.kind !== '' && !(ANNEX_KINDS as readonly string[]).includes(a.kind))
      throw new AppError('invalid-input', 'annex kind', {
        field: `annexKind[${i}]`,
        rule: 'one-of',
        allowed: [...ANNEX_KINDS],
      });
    annexes.push(
      a.kind === ''
        ? { title: a.title.trim() }
        : { title: a.title.trim(), kind: a.kind as NonNullable<ActAnnex['kind']> },
    );
  });
  const recommendations = form.recommendations
    .split(/\r?\n/)
    .map((r) => r.trim())
    .filter((r) => r !== '');
  for (const [name, value] of [
    ['periodStart', form.periodStart],
    ['periodEnd', form.periodEnd],
  ] as const) {
    if (value.trim() !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(value.trim()))
      throw new AppError('invalid-input', `${name}: date`, { field: name, rule: 'date' });
  }
  return {
    title: form.title.trim(),
    draft: {
      purpose: orNull(form.purpose),
      subject: orNull(form.subject),
      object: { kind: null, name: orNull(form.objectName) },
      place: orNull(form.place),
      periodStart: orNull(form.periodStart),
      periodEnd: orNull(form.periodEnd),
      resultsSummary: orNull(form.resultsSummary),
      findings: findings.length === 0 ? null : findings,
      recommendations: recommendations.length === 0 ? null : recommendations,
      annexes: annexes.length > 0 ? annexes : form.noAnnexes ? [] : null,
    },
  };
}

const option = (value: string, label: string, selected: string): Html =>
  value === selected
    ? html`<option value="${value}" selected>${label}</option>`
    : html`<option value="${value}">${label}</option>`;

/** The form itself (posted urlencoded with the `_csrf` field). */
export function draftFormHtml(page: PageRequest, action: string, form: DraftForm): Html {
  const lang: Lang = page.lang;
  const findings = [
    ...form.findings,
    ...Array.from({ length: SPARE_ROWS }, () => ({ kind: 'fact', text: '', method: '', note: '' })),
  ];
  const annexes = [...form.annexes, ...Array.from({ length: SPARE_ROWS }, () => ({ title: '', kind: '' }))];
  const text = (name: keyof DraftForm, label: string, value: string, type = 'text') =>
    html`<label for="${name}">${label}</label>\n<input id="${name}" name="${name}" type="${type}" maxlength="5000" value="${value}">\n`;
  const area = (name: keyof DraftForm, label: string, value: string, rows = 3) =>
    html`<label for="${name}">${label}</label>\n<textarea id="${name}" name="${name}" rows="${rows}" maxlength="20000">${value}</textarea>\n`;
  return html`<form method="post" action="${action}">
${csrfField(page)}
${text('title', msg(lang, 'manageActs.field.title'), form.title)}
${area('purpose', msg(lang, 'act.purpose'), form.purpose)}
${area('subject', msg(lang, 'acts.subject'), form.subject)}
${text('objectName', msg(lang, 'acts.object'), form.objectName)}
${text('place', msg(lang, 'act.place'), form.place)}
${text('periodStart', msg(lang, 'manageActs.field.periodStart'), form.periodStart, 'date')}
${text('periodEnd', msg(lang, 'manageActs.field.periodEnd'), form.periodEnd, 'date')}
${area('resultsSummary', msg(lang, 'act.summary'), form.resultsSummary)}
<fieldset><legend>${msg(lang, 'act.findings')}</legend>
<p class="muted">${msg(lang, 'manageActs.findingsHint')}</p>
${findings.map(
  (f, i) => html`<div class="finding">
<label for="findingKind-${i}">${msg(lang, 'manageActs.field.findingKind', { n: String(i + 1) })}</label>
<select id="findingKind-${i}" name="findingKind">${option('fact', msg(lang, 'act.fact'), f.kind)}${option('evaluation', msg(lang, 'act.evaluation'), f.kind)}</select>
<label for="findingText-${i}">${msg(lang, 'manageActs.field.findingText', { n: String(i + 1) })}</label>
<textarea id="findingText-${i}" name="findingText" rows="2" maxlength="20000">${f.text}</textarea>
<label for="findingMethod-${i}">${msg(lang, 'act.method')}</label>
<select id="findingMethod-${i}" name="findingMethod">${option('', '—', f.method)}${Object.entries(FINDING_METHODS).map(([k, l]) => option(k, l[lang], f.method))}</select>
<label for="findingNote-${i}">${msg(lang, 'manageActs.field.methodNote')}</label>
<input id="findingNote-${i}" name="findingNote" type="text" maxlength="1000" value="${f.note}">
</div>`,
)}
</fieldset>
${area('recommendations', msg(lang, 'manageActs.field.recommendations'), form.recommendations, 4)}
<fieldset><legend>${msg(lang, 'manageActs.field.annexList')}</legend>
<p class="muted">${msg(lang, 'manageActs.describedHint')}</p>
${annexes.map(
  (a, i) => html`<label for="annexTitle-${i}">${msg(lang, 'manageActs.field.annexTitle', { n: String(i + 1) })}</label>
<input id="annexTitle-${i}" name="annexTitle" type="text" maxlength="500" value="${a.title}">
<label for="annexKind-${i}">${msg(lang, 'manageActs.field.annexKind')}</label>
<select id="annexKind-${i}" name="annexKind">${option('', '—', a.kind)}${ANNEX_KINDS.map((k) => option(k, msg(lang, `manageActs.annexKind.${k}`), a.kind))}</select>`,
)}
<label for="noAnnexes"><input id="noAnnexes" name="noAnnexes" type="checkbox" value="1"${form.noAnnexes ? html` checked` : ''}> ${msg(lang, 'manageActs.field.noAnnexes')}</label>
</fieldset>
<button type="submit">${msg(lang, 'manageActs.saveDraft')}</button>
</form>`;
}
