// The executive body's side of the draft work plan (7.3.1), reached only through the signed link the chair sent
// (procedures/plans/plans.ts sendPlanDraft): the same token format and revocation as an act's link
// (security/response-token.ts, db/link-generations.ts, subject 'plan:<id>'). It shows the draft's items and the
// proposals with the chair's decisions, and takes proposals until the chair's date; after it the form is refused,
// naming the period (409, nothing written).
//   GET  /plan-link/:planId?t=TOKEN              the draft and the proposal form
//   POST /plan-link/:planId?t=TOKEN              a proposal from the form
//   POST /api/plan-link/:planId/proposals?t=TOKEN   the same as JSON
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { currentLinkGeneration } from '../../db/link-generations';
import { findPlan, planLinkSubject, type WorkPlan } from '../../db/plans';
import { checkProposalWindow, ITEM_STATE_NAMES, PLAN_METHODS, PLAN_METHOD_NAMES } from '../../domain/work-plan';
import { dmy } from '../../domain/messages';
import { proposePlanItem } from '../../procedures/plans/plans';
import {
  RESPONSE_TOKEN_MESSAGES,
  ResponseTokenError,
  verifyResponseToken,
  type ResponseTokenErrorCode,
} from '../../security/response-token';
import { responseLinkSecret } from '../../security/server-secret';
import { AppError } from '../app-error';
import type { App, AppDeps } from '../app-types';
import { ERROR_STATUS } from '../error-status';
import { ErrorSchema } from '../schemas';
import { errorBox } from '../ui/error-page';
import { html } from '../ui/html';
import { layout } from '../ui/layout';
import { msg } from '../ui/messages';
import { pageRequest, sendPage } from '../ui/respond';
import { todayOf } from '../acts/common';
import { requestLang } from '../request-lang';
import { objectName, planError } from './common';

const Id = Type.String({ minLength: 1, maxLength: 200 });
const TokenQuery = Type.Object({
  t: Type.Optional(Type.String({ maxLength: 2000 })),
  lang: Type.Optional(Type.String({ maxLength: 5 })),
});

class PlanLinkRefusal extends Error {
  constructor(readonly code: ResponseTokenErrorCode) {
    super(`plan link refused: ${code}`);
  }
  get status(): 403 | 410 {
    return this.code === 'expired' || this.code === 'revoked' ? 410 : 403;
  }
}

/** Checks the link: format, signature, expiry; then the plan (404), that the link is this plan's, and not revoked. */
async function openPlanLink(
  deps: AppDeps,
  planId: string,
  token: string | undefined,
): Promise<{ plan: WorkPlan; executiveBodyId: string }> {
  let payload;
  try {
    payload = verifyResponseToken(token ?? '', responseLinkSecret(deps.config), { nowMs: (deps.clock ?? Date.now)() });
  } catch (error) {
    if (error instanceof ResponseTokenError) throw new PlanLinkRefusal(error.code);
    throw error;
  }
  const plan = await findPlan(deps.db, planId);
  if (!plan) throw new AppError('not-found', `plan ${planId}`, { subject: 'plan' });
  if (payload.actId !== planLinkSubject(plan.id)) throw new PlanLinkRefusal('wrong-act');
  if ((payload.generation ?? 0) !== (await currentLinkGeneration(deps.db, planLinkSubject(plan.id), payload.objectId)))
    throw new PlanLinkRefusal('revoked');
  if (plan.executiveBodyId !== payload.objectId) throw new PlanLinkRefusal('wrong-party');
  return { plan, executiveBodyId: payload.objectId };
}

type Fields = Record<string, string | undefined>;

export function planLinkRoutes(app: App, deps: AppDeps): void {
  const useCase = { db: deps.db, now: () => (deps.clock ?? Date.now)() };

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    planId: string,
    status: number,
    error: AppError | null,
    note: string | null,
  ) {
    const query = request.query as { t?: string };
    const page = pageRequest(request, `/plan-link/${encodeURIComponent(planId)}`, query.t ? { t: query.t } : {});
    const l = page.lang;
    let opened;
    try {
      opened = await openPlanLink(deps, planId, query.t);
    } catch (e) {
      if (!(e instanceof PlanLinkRefusal)) throw e;
      return sendPage(
        reply,
        page,
        e.status,
        layout(
          page,
          msg(l, 'plan.title'),
          html`<p class="error" role="alert">${RESPONSE_TOKEN_MESSAGES[e.code][l]}</p>`,
        ),
      );
    }
    const { plan } = opened;
    const open = checkProposalWindow(plan, todayOf(deps)).length === 0;
    const objects = await deps.db
      .selectFrom('monitored_objects')
      .select(['id', 'name', 'name_ru'])
      .where('council_id', '=', plan.councilId)
      .where('active', '=', true)
      .orderBy('name')
      .execute();
    const action = `/plan-link/${encodeURIComponent(planId)}?t=${encodeURIComponent(query.t ?? '')}&lang=${l}`;
    const until = plan.proposalsUntil ? dmy(plan.proposalsUntil) : '—';
    const body = html`${note ? html`<p class="notice" role="status">${note}</p>` : ''}${error ? errorBox(page, error) : ''}
<p>${open ? msg(l, 'plan.linkIntro', { until }) : msg(l, 'plan.linkClosed', { until })}</p>
<h2>${msg(l, 'plan.items')}</h2>
${
  plan.items.length === 0
    ? html`<p>${msg(l, 'plan.noItems')}</p>`
    : html`<ol>${plan.items.map((i) => html`<li>${objectName(i.objectName, l)}: ${i.subject} (${dmy(i.from)} – ${dmy(i.to)}; ${PLAN_METHOD_NAMES[i.method][l]}; ${ITEM_STATE_NAMES[i.state][l]})</li>`)}</ol>`
}
<h2>${msg(l, 'plan.proposals')}</h2>
${
  plan.proposals.length === 0
    ? html`<p>${msg(l, 'plan.noProposals')}</p>`
    : html`<ul>${plan.proposals.map((r) => html`<li>${objectName(r.objectName, l)}: ${r.subject} — ${msg(l, `plan.proposal.${r.status}`)}${r.declineReason ? html`: ${r.declineReason}` : ''}</li>`)}</ul>`
}
${
  open
    ? html`<h2>${msg(l, 'plan.propose')}</h2><form method="post" action="${action}">
<label for="objectId">${msg(l, 'plan.object')}</label><select id="objectId" name="objectId" required><option value="">${msg(l, 'plan.choose')}</option>${objects.map((o) => html`<option value="${o.id}">${l === 'ky' ? o.name : (o.name_ru ?? o.name)}</option>`)}</select>
<label for="subject">${msg(l, 'plan.subject')}</label><input id="subject" name="subject" maxlength="1000" required>
<label for="from">${msg(l, 'plan.from')}</label><input id="from" name="from" type="date" required>
<label for="to">${msg(l, 'plan.to')}</label><input id="to" name="to" type="date" required>
<label for="method">${msg(l, 'plan.method')}</label><select id="method" name="method" required>${PLAN_METHODS.map((m) => html`<option value="${m}">${PLAN_METHOD_NAMES[m][l]}</option>`)}</select>
<label for="note">${msg(l, 'plan.note')}</label><textarea id="note" name="note" rows="2" maxlength="2000"></textarea>
<button type="submit">${msg(l, 'plan.propose')}</button></form>`
    : ''
}`;
    return sendPage(reply, page, status, layout(page, `${msg(l, 'plan.title')}: ${plan.title}`, body));
  }

  const propose = async (request: FastifyRequest, planId: string, b: Fields) => {
    const { executiveBodyId } = await openPlanLink(deps, planId, (request.query as { t?: string }).t);
    return proposePlanItem(useCase, {
      planId,
      executiveBodyId,
      objectId: b.objectId ?? '',
      subject: b.subject ?? '',
      from: b.from ?? '',
      to: b.to ?? '',
      method: b.method ?? '',
      note: b.note ?? '',
    });
  };

  app.get(
    '/plan-link/:planId',
    {
      schema: { hide: true, params: Type.Object({ planId: Id }), querystring: TokenQuery },
      config: { access: ['object-link'], page: true },
    },
    (request, reply) => render(request, reply, request.params.planId, 200, null, null),
  );

  app.post(
    '/plan-link/:planId',
    {
      schema: {
        hide: true,
        params: Type.Object({ planId: Id }),
        querystring: TokenQuery,
        body: Type.Record(Type.String({ maxLength: 40 }), Type.String({ maxLength: 2000 }), { maxProperties: 10 }),
      },
      config: { access: ['object-link'], page: true },
    },
    async (request, reply) => {
      const { planId } = request.params;
      try {
        await propose(request, planId, request.body);
      } catch (error) {
        if (error instanceof PlanLinkRefusal) return render(request, reply, planId, error.status, null, null);
        const shown = planError(error);
        if (!shown) throw error;
        return render(request, reply, planId, ERROR_STATUS[shown.code], shown, null);
      }
      return render(request, reply, planId, 201, null, msg(pageRequest(request, '').lang, 'plan.proposed'));
    },
  );

  app.post(
    '/api/plan-link/:planId/proposals',
    {
      schema: {
        summary:
          "The executive body proposes an item through its link, until the chair's date (7.3.1); after it 409 naming the period, nothing written",
        tags: ['plans'],
        params: Type.Object({ planId: Id }),
        querystring: TokenQuery,
        body: Type.Object(
          {
            objectId: Type.String({ maxLength: 200 }),
            subject: Type.String({ maxLength: 1000 }),
            from: Type.String({ maxLength: 20 }),
            to: Type.String({ maxLength: 20 }),
            method: Type.String({ maxLength: 40, description: PLAN_METHODS.join(', ') }),
            note: Type.Optional(Type.String({ maxLength: 2000 })),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({ proposalId: Type.String() }),
          400: ErrorSchema,
          403: ErrorSchema,
          404: ErrorSchema,
          409: ErrorSchema,
          410: ErrorSchema,
        },
      },
      config: { access: ['object-link'] },
    },
    async (request, reply) => {
      try {
        return reply.code(201).send(await propose(request, request.params.planId, request.body));
      } catch (error) {
        if (error instanceof PlanLinkRefusal)
          return reply.code(error.status).send({
            error: { code: error.code, message: RESPONSE_TOKEN_MESSAGES[error.code][requestLang(request)] },
          });
        throw planError(error) ?? error;
      }
    },
  );
}
