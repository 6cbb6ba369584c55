// The approved work plan in public (7.3.1): the latest plan the council approved, with its items and their states.
// No personal data: objects, subjects, periods, methods, states and the council's decision, nothing about people.
//   GET /groups/:groupId/plan          the page (ky, ru, en)
//   GET /groups/:groupId/plan/print    an A4 sheet for the notice board (as api/public/notice-print.ts)
//   GET /api/groups/:groupId/plan      the same as JSON
// The approval is also published as a notice (procedures/plans/plans.ts), so it is on the notice board and its feed.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { findGroupById } from '../../db/groups';
import { approvedPlan, type WorkPlan } from '../../db/plans';
import type { Lang } from '../../domain/i18n';
import { dmy } from '../../domain/messages';
import { ITEM_STATE_NAMES, PLAN_METHOD_NAMES } from '../../domain/work-plan';
import { AppError } from '../app-error';
import type { App, AppDeps } from '../app-types';
import { groupSite } from '../public/site-context';
import { ErrorSchema } from '../schemas';
import { html, type Html } from '../ui/html';
import { layout } from '../ui/layout';
import { msg } from '../ui/messages';
import { pageRequest, sendNotFound, sendPage } from '../ui/respond';
import { PRINT_STYLE } from '../ui/stylesheets';
import { objectName, publicPlanPath } from './common';

const Params = Type.Object({ groupId: Type.String({ minLength: 1, maxLength: 200 }) });

const PublicPlan = Type.Object({
  groupId: Type.String(),
  title: Type.String(),
  approval: Type.Object({ sessionOn: Type.String(), decisionNumber: Type.String(), text: Type.String() }),
  items: Type.Array(
    Type.Object({
      number: Type.Integer(),
      object: Type.Object({ ky: Type.String(), ru: Type.String() }),
      subject: Type.String(),
      from: Type.String(),
      to: Type.String(),
      method: Type.String(),
      state: Type.String(),
      dropReason: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
});

function itemsTable(plan: WorkPlan, lang: Lang): Html {
  return html`<table>
<thead><tr><th scope="col">№</th><th scope="col">${msg(lang, 'plan.object')}</th><th scope="col">${msg(lang, 'plan.subject')}</th><th scope="col">${msg(lang, 'plan.period')}</th><th scope="col">${msg(lang, 'plan.method')}</th><th scope="col">${msg(lang, 'plan.state')}</th></tr></thead>
<tbody>${plan.items.map(
    (i, n) =>
      html`<tr><td>${String(n + 1)}</td><td>${objectName(i.objectName, lang)}</td><td>${i.subject}</td><td>${dmy(i.from)} – ${dmy(i.to)}</td><td>${PLAN_METHOD_NAMES[i.method][lang]}</td><td>${ITEM_STATE_NAMES[i.state][lang]}${i.dropReason ? html`: ${i.dropReason}` : ''}</td></tr>\n`,
  )}</tbody></table>`;
}

export function publicPlanRoutes(app: App, deps: AppDeps): void {
  async function page(request: FastifyRequest, reply: FastifyReply, print: boolean) {
    const { groupId } = request.params as { groupId: string };
    const p = pageRequest(request, `${publicPlanPath(groupId)}${print ? '/print' : ''}`);
    const lang = p.lang;
    const group = await findGroupById(deps.db, groupId);
    if (!group) return sendNotFound(reply, p);
    const plan = await approvedPlan(deps.db, groupId);
    const site = await groupSite(deps.db, lang, group);
    const body = !plan
      ? html`<p>${msg(lang, 'plan.publicNone')}</p>`
      : html`<p><strong>${plan.title}</strong></p>
<p>${msg(lang, 'plan.approvedBy', { date: dmy(plan.approval!.sessionOn), number: plan.approval!.decisionNumber })}</p>
${print ? itemsTable(plan, lang) : html`<div class="scroll">${itemsTable(plan, lang)}</div>`}
${print ? '' : html`<p><a href="${publicPlanPath(groupId)}/print?lang=${lang}">${msg(lang, 'plan.print')}</a></p>`}`;
    return sendPage(
      reply,
      p,
      200,
      layout(p, msg(lang, 'plan.title'), body, { site, ...(print ? { stylesheet: PRINT_STYLE } : {}) }),
    );
  }

  app.get(
    '/groups/:groupId/plan',
    { schema: { hide: true, params: Params }, config: { access: ['public'], page: true } },
    (request, reply) => page(request, reply, false),
  );
  app.get(
    '/groups/:groupId/plan/print',
    { schema: { hide: true, params: Params }, config: { access: ['public'], page: true } },
    (request, reply) => page(request, reply, true),
  );
  app.get(
    '/api/groups/:groupId/plan',
    {
      schema: {
        summary: "The group's work plan the council approved (7.3.1), without personal data",
        tags: ['plans'],
        params: Params,
        response: { 200: PublicPlan, 404: ErrorSchema },
      },
      config: { access: ['public'] },
    },
    async (request) => {
      const plan = await approvedPlan(deps.db, request.params.groupId);
      if (!plan)
        throw new AppError('not-found', `no approved plan of group ${request.params.groupId}`, { subject: 'plan' });
      return {
        groupId: plan.groupId,
        title: plan.title,
        approval: plan.approval!,
        items: plan.items.map((i, n) => ({
          number: n + 1,
          object: i.objectName,
          subject: i.subject,
          from: i.from,
          to: i.to,
          method: i.method,
          state: i.state,
          dropReason: i.dropReason,
        })),
      };
    },
  );
}
