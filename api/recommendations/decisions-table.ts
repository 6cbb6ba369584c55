// The council's decisions on an act's or a summary report's recommendations as the public pages show them (issue 15
// point 3; 3.1; 8.1): each recommendation with the decisions on it, oldest first, and the latest in a table.
import type { ActConsideration } from '../../db/considerations';
import { COUNCIL_DECISION_NAMES } from '../../domain/council-consideration';
import type { Lang } from '../../domain/i18n';
import { dmy } from '../../domain/messages';
import { html, type Html } from '../ui/html';
import { scrollBox } from '../ui/layout';

/** Each recommendation (numbered from 1 as listed) with the council's decisions on it, oldest first, and the latest. */
export function recommendationsWithDecisions(texts: readonly string[], sessions: readonly ActConsideration[]) {
  return texts.map((text, i) => {
    const n = i + 1;
    const decisions = sessions.flatMap((s) =>
      s.decisions
        .filter((d) => d.recommendation === n)
        .map((d) => ({ sessionOn: s.sessionOn, agendaItem: s.agendaItem, decision: d.decision, text: d.text })),
    );
    return { number: n, text, decisions, latest: decisions.at(-1) ?? null };
  });
}

/** The table of the recommendations with the council's latest decision on each, in the subject's own words. */
export function decisionsTable(
  recommendations: ReturnType<typeof recommendationsWithDecisions>,
  lang: Lang,
  words: { title: string; recommendation: string; decision: string; notDecided: string },
): Html {
  const rows = recommendations.map(
    (r) =>
      html`<tr><td>${String(r.number)}. ${r.text}</td><td>${
        r.latest
          ? html`<strong>${COUNCIL_DECISION_NAMES[r.latest.decision][lang]}</strong> (${dmy(r.latest.sessionOn)})${r.latest.text ? html`<br>${r.latest.text}` : ''}`
          : html`<span class="muted">${words.notDecided}</span>`
      }</td></tr>\n`,
  );
  return scrollBox(
    words.title,
    html`<table>
<thead><tr><th scope="col">${words.recommendation}</th><th scope="col">${words.decision}</th></tr></thead>
<tbody>${rows}</tbody></table>`,
  );
}
