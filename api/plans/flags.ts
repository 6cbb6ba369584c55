// The chair's dashboard part (7.3.1): items of the group's approved plans whose period has passed without an act
// linked to them (dropped items are not flagged). The coordinator places it on the dashboard.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import { findPlan } from '../../db/plans';
import type { Lang } from '../../domain/i18n';
import { dmy } from '../../domain/messages';
import { itemOverdue } from '../../domain/work-plan';
import { html, type Html } from '../ui/html';
import { msg } from '../ui/messages';
import { managePlanPath, objectName } from './common';

/** The overdue items of the group's approved plans, oldest period first. */
export async function overduePlanItems(db: Kysely<Database>, groupId: string, today: string) {
  const ids = await db
    .selectFrom('work_plans')
    .select('id')
    .where('group_id', '=', groupId)
    .where('status', '=', 'approved')
    .execute();
  const out = [];
  for (const { id } of ids) {
    const plan = (await findPlan(db, id))!;
    for (const item of plan.items)
      if (itemOverdue({ to: item.to, state: item.state, acts: item.acts.length }, today))
        out.push({ planId: plan.id, item });
  }
  return out.sort((a, b) => a.item.to.localeCompare(b.item.to));
}

export async function planFlags(db: Kysely<Database>, groupId: string, lang: Lang, today: string): Promise<Html> {
  const overdue = await overduePlanItems(db, groupId, today);
  return html`<section aria-labelledby="plan-flags">
<h2 id="plan-flags">${msg(lang, 'plan.flagTitle')}</h2>
${
  overdue.length === 0
    ? html`<p>${msg(lang, 'plan.flagNone')}</p>`
    : html`<ul>${overdue.map(
        ({ planId, item }) =>
          html`<li class="warning"><a href="${managePlanPath(groupId, planId)}?lang=${lang}">${msg(lang, 'plan.flagItem', { object: objectName(item.objectName, lang), subject: item.subject, date: dmy(item.to) })}</a></li>`,
      )}</ul>`
}
</section>`;
}
