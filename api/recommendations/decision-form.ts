// The council's decisions on an act's or a summary report's recommendations as a page form (issue 15 point 3; 3.1;
// 8.1): staff type the session's date, its agenda item and a decision on each recommendation. The act's and the
// report's pages draw the same form with their own words and post it back to their own address.
import { COUNCIL_DECISIONS, COUNCIL_DECISION_NAMES, type CouncilDecision } from '../../domain/council-consideration';
import type { AppError } from '../app-error';
import { errorBox } from '../ui/error-page';
import { html, type Html } from '../ui/html';
import { csrfField, type PageRequest } from '../ui/layout';

/** What was typed into the form, shown again when the council's decisions are refused. */
export interface TypedConsideration {
  sessionOn: string;
  agendaItem: string;
  decisions: Record<number, { decision: string; text: string }>;
}

export const NOTHING_TYPED: TypedConsideration = { sessionOn: '', agendaItem: '', decisions: {} };

/** The posted form: sessionOn, agendaItem, decision_N and text_N for the N-th recommendation. */
export function typedConsideration(body: Record<string, string>): TypedConsideration {
  const decisions: TypedConsideration['decisions'] = {};
  for (const [name, value] of Object.entries(body)) {
    const m = /^(decision|text)_(\d{1,4})$/.exec(name);
    if (!m) continue;
    const n = Number(m[2]);
    decisions[n] ??= { decision: '', text: '' };
    decisions[n][m[1] as 'decision' | 'text'] = value;
  }
  return { sessionOn: body.sessionOn ?? '', agendaItem: body.agendaItem ?? '', decisions };
}

/** The typed session as the use case takes it: only the recommendations given a decision (one left at «choose» is not decided now). */
export function chosenConsideration(typed: TypedConsideration): {
  sessionOn: string;
  agendaItem: string;
  decisions: { recommendation: number; decision: CouncilDecision; text: string }[];
} {
  return {
    sessionOn: typed.sessionOn,
    agendaItem: typed.agendaItem,
    decisions: Object.entries(typed.decisions)
      .filter(([, d]) => d.decision !== '')
      .map(([n, d]) => ({ recommendation: Number(n), decision: d.decision as CouncilDecision, text: d.text })),
  };
}

/** The form's words, in the page's language, from the act's or the report's catalogue. */
export interface DecisionFormWords {
  title: string;
  sessionOn: string;
  agendaItem: string;
  recommendation: string;
  decision: string;
  choose: string;
  text: string;
  submit: string;
}

/** The form that records a council session's decisions on the recommendations, numbered from 1 as listed. */
export function decisionForm(
  page: PageRequest,
  form: {
    action: string;
    today: string;
    recommendations: readonly string[];
    words: DecisionFormWords;
    error: AppError | null;
    typed: TypedConsideration;
  },
): Html {
  const l = page.lang;
  const { words: w, typed } = form;
  return html`<h2>${w.title}</h2>
${form.error ? errorBox(page, form.error) : ''}
<form method="post" action="${form.action}?lang=${l}">
${csrfField(page)}
<label for="sessionOn">${w.sessionOn}</label>
<input id="sessionOn" name="sessionOn" type="date" required value="${typed.sessionOn}" max="${form.today}">
<label for="agendaItem">${w.agendaItem}</label>
<input id="agendaItem" name="agendaItem" type="text" maxlength="500" required value="${typed.agendaItem}">
${form.recommendations.map((text, i) => {
  const n = String(i + 1);
  const t = typed.decisions[i + 1] ?? { decision: '', text: '' };
  return html`<fieldset><legend>${w.recommendation} ${n}: ${text}</legend>
<label for="decision-${n}">${w.decision}</label>
<select id="decision-${n}" name="decision_${n}"><option value="">${w.choose}</option>${COUNCIL_DECISIONS.map((d) =>
    d === t.decision
      ? html`<option value="${d}" selected>${COUNCIL_DECISION_NAMES[d][l]}</option>`
      : html`<option value="${d}">${COUNCIL_DECISION_NAMES[d][l]}</option>`,
  )}</select>
<label for="text-${n}">${w.text}</label>
<textarea id="text-${n}" name="text_${n}" rows="2" maxlength="4000">${t.text}</textarea>
</fieldset>`;
})}
<button type="submit">${w.submit}</button>
</form>`;
}
