// The public composition page's note on a group the formation procedure created (5.4.5) with a composition that
// breaks 5.2, or whose chair the council's decision named: read from the group's record (the group.created fact,
// which keeps the violations' clauses and words, no personal data) and shown in the page's language.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import type { DecisionViolation } from '../../domain/formation';
import { loc, type Lang } from '../../domain/i18n';
import { html, type Html } from '../ui/html';

interface CreatedPayload {
  groupId: string;
  createdOn?: string;
  resolutionNumber: string;
  violations?: DecisionViolation[];
  chairNamed?: string | null;
}

/** The decision's violations and named chair as the group.created fact recorded them (undefined before a decision). */
export async function formationDecisionRecord(
  db: Kysely<Database>,
  groupId: string,
): Promise<{ violations: DecisionViolation[]; chairNamed: string | null; createdOn: string | null } | undefined> {
  const row = await db
    .selectFrom('events')
    .select('payload')
    .where('stream_id', '=', `group-${groupId}`)
    .where('type', '=', 'group.created')
    .orderBy('position', 'desc')
    .executeTakeFirst();
  if (!row) return undefined;
  const p = row.payload as CreatedPayload;
  return { violations: p.violations ?? [], chairNamed: p.chairNamed ?? null, createdOn: p.createdOn ?? null };
}

/** "Adopted with a composition that does not meet 5.2.3(1)" with each violation, and the chair the decision named. */
export async function formationDecisionNote(db: Kysely<Database>, groupId: string, lang: Lang): Promise<Html> {
  const record = await formationDecisionRecord(db, groupId);
  if (!record) return html``;
  const clauses = [...new Set(record.violations.map((v) => v.clause ?? '5.2'))].join(', ');
  const adopted = loc(
    `Кеңештин чечими ${clauses} талаптарына жооп бербеген курам менен кабыл алынган`,
    `Решение кенеша принято с составом, не соответствующим ${clauses}`,
    `The council's decision was adopted with a composition that does not meet ${clauses}`,
  )[lang];
  const named = record.chairNamed
    ? loc(
        `Төрага кеңештин чечими менен дайындалган: ${record.chairNamed}`,
        `Председатель назначен решением кенеша: ${record.chairNamed}`,
        `The chair was named by the council's decision: ${record.chairNamed}`,
      )[lang]
    : null;
  return html`${
    record.violations.length > 0
      ? html`<div class="notice" role="note"><p><strong>${adopted}</strong></p><ul>${record.violations.map((v) => html`<li>${v.message[lang]} (${v.clause ?? '5.2'})</li>`)}</ul></div>`
      : ''
  }${named ? html`<p>${named}</p>` : ''}`;
}
