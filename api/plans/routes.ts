// The group's work plan (7.3.1) for the signed-in: JSON routes and the manage pages, thin adapters over
// procedures/plans/plans.ts.
//   POST /api/groups/:groupId/plans                                   chair   draft a plan { title }
//   GET  /api/groups/:groupId/plans/:planId                           readers the plan with items and proposals
//   POST /api/groups/:groupId/plans/:planId/items                     chair   an item { objectId, subject, from, to, method }
//   POST /api/groups/:groupId/plans/:planId/send                      chair   the draft to the executive body { proposalsUntil }
//   POST /api/groups/:groupId/plans/:planId/proposals/:proposalId/take|decline   chair
//   POST /api/groups/:groupId/plans/:planId/submit                    chair   to the council
//   POST /api/groups/:groupId/plans/:planId/approval                  staff   the council's decision (submitted plans only: 409)
//   POST /api/groups/:groupId/plans/:planId/items/:itemId/state|links chair   an item's state; an act or request it serves
//   GET|POST /manage/groups/:groupId/plans[/:planId[/...]]            the same as pages (forms with the CSRF token)
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type, type TSchema } from 'typebox';
import type { AccountRole } from '../../db/database';
import { listPlans, type WorkPlan } from '../../db/plans';
import { dmy } from '../../domain/messages';
import { ITEM_STATES, ITEM_STATE_NAMES, PLAN_METHODS, PLAN_METHOD_NAMES } from '../../domain/work-plan';
import {
  addPlanItem,
  approvePlan,
  declineProposal,
  draftPlan,
  linkToItem,
  sendPlanDraft,
  setItemState,
  submitPlan,
  takeProposal,
  type PlanDeps,
} from '../../procedures/plans/plans';
import { actorOf, todayOf } from '../acts/common';
import type { AppError } from '../app-error';
import type { App, AppDeps } from '../app-types';
import { requireRole } from '../auth/require-role';
import { ERROR_STATUS } from '../error-status';
import { ErrorSchema } from '../schemas';
import { errorBox } from '../ui/error-page';
import { html, type Html } from '../ui/html';
import { csrfField, layout, type PageRequest } from '../ui/layout';
import { msg } from '../ui/messages';
import { pageRequest, sendNotFound, sendPage } from '../ui/respond';
import {
  managePlanPath,
  managePlansPath,
  objectName,
  planError,
  planOfGroup,
  publicPlanPath,
  sendDeps,
} from './common';

const READERS = ['staff', 'deputy', 'chair', 'member'] as const;
const Id = Type.String({ minLength: 1, maxLength: 200 });
const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };
const Text = (max: number) => Type.String({ maxLength: max });
const ItemBody = Type.Object(
  {
    objectId: Text(200),
    subject: Text(1000),
    from: Text(20),
    to: Text(20),
    method: Type.String({ maxLength: 40, description: PLAN_METHODS.join(', ') }),
  },
  { additionalProperties: false },
);
const FormBody = Type.Record(Type.String({ maxLength: 40 }), Type.String({ maxLength: 4000 }), { maxProperties: 20 });

const PlanView = Type.Object({
  id: Type.String(),
  groupId: Type.String(),
  title: Type.String(),
  status: Type.String(),
  proposalsUntil: Type.Union([Type.String(), Type.Null()]),
  sentOn: Type.Union([Type.String(), Type.Null()]),
  submittedOn: Type.Union([Type.String(), Type.Null()]),
  approval: Type.Union([
    Type.Object({ sessionOn: Type.String(), decisionNumber: Type.String(), text: Type.String() }),
    Type.Null(),
  ]),
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      objectId: Type.String(),
      subject: Type.String(),
      from: Type.String(),
      to: Type.String(),
      method: Type.String(),
      state: Type.String(),
      dropReason: Type.Union([Type.String(), Type.Null()]),
      proposalId: Type.Union([Type.String(), Type.Null()]),
      acts: Type.Array(Type.String()),
      requests: Type.Array(Type.String()),
    }),
  ),
  proposals: Type.Array(
    Type.Object({
      id: Type.String(),
      objectId: Type.String(),
      subject: Type.String(),
      from: Type.String(),
      to: Type.String(),
      method: Type.String(),
      note: Type.String(),
      proposedOn: Type.String(),
      status: Type.String(),
      declineReason: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
});

export const planJson = (p: WorkPlan) => ({
  id: p.id,
  groupId: p.groupId,
  title: p.title,
  status: p.status,
  proposalsUntil: p.proposalsUntil,
  sentOn: p.sentOn,
  submittedOn: p.submittedOn,
  approval: p.approval,
  items: p.items.map((i) => ({
    id: i.id,
    objectId: i.objectId,
    subject: i.subject,
    from: i.from,
    to: i.to,
    method: i.method,
    state: i.state,
    dropReason: i.dropReason,
    proposalId: i.proposalId,
    acts: i.acts.map((a) => a.id),
    requests: i.requests.map((r) => r.id),
  })),
  proposals: p.proposals.map((r) => ({
    id: r.id,
    objectId: r.objectId,
    subject: r.subject,
    from: r.from,
    to: r.to,
    method: r.method,
    note: r.note,
    proposedOn: r.proposedOn,
    status: r.status,
    declineReason: r.declineReason,
  })),
});

type Params = { groupId: string; planId: string; proposalId?: string; itemId?: string };
type Fields = Record<string, string | undefined>;

/** One action on a plan, shared by its JSON route and its page form. */
interface Action {
  path: string;
  roles: readonly AccountRole[];
  summary: string;
  body: TSchema | null;
  run: (deps: AppDeps, request: FastifyRequest, p: Params, b: Fields, useCase: PlanDeps) => Promise<unknown>;
}

const str = (v: string | undefined) => v ?? '';

const ACTIONS: Action[] = [
  {
    path: 'items',
    roles: ['chair'],
    summary: 'Add an item to the draft plan (object, subject, period, method of 7.3.1)',
    body: ItemBody,
    run: (_d, r, p, b, u) =>
      addPlanItem(u, {
        planId: p.planId,
        objectId: str(b.objectId),
        subject: str(b.subject),
        from: str(b.from),
        to: str(b.to),
        method: str(b.method),
        actor: actorOf(r),
      }),
  },
  {
    path: 'send',
    roles: ['chair'],
    summary:
      'Send the draft to the executive body with a fresh signed link (earlier links revoked); it may propose items until proposalsUntil (7.3.1). The answer carries the link',
    body: Type.Object({ proposalsUntil: Text(20) }, { additionalProperties: false }),
    run: async (d, r, p, b) => {
      const s = sendDeps(d, r);
      try {
        return await sendPlanDraft(s, { planId: p.planId, proposalsUntil: str(b.proposalsUntil), actor: actorOf(r) });
      } finally {
        s.close();
      }
    },
  },
  {
    path: 'proposals/:proposalId/take',
    roles: ['chair'],
    summary: "Take the executive body's proposal: it becomes an item of the plan (7.3.1)",
    body: null,
    run: (_d, r, p, _b, u) => takeProposal(u, { planId: p.planId, proposalId: p.proposalId!, actor: actorOf(r) }),
  },
  {
    path: 'proposals/:proposalId/decline',
    roles: ['chair'],
    summary: "Decline the executive body's proposal, with a reason (7.3.1)",
    body: Type.Object({ reason: Text(2000) }, { additionalProperties: false }),
    run: (_d, r, p, b, u) =>
      declineProposal(u, {
        planId: p.planId,
        proposalId: p.proposalId!,
        reason: str(b.reason),
        actor: actorOf(r),
      }),
  },
  {
    path: 'submit',
    roles: ['chair'],
    summary: 'Submit the plan to the council for approval (7.3.1); every proposal must be decided',
    body: null,
    run: (_d, r, p, _b, u) => submitPlan(u, { planId: p.planId, actor: actorOf(r) }),
  },
  {
    path: 'approval',
    roles: ['staff'],
    summary:
      "Record the council's approval of a submitted plan (7.3.1): session date, decision number, text; 409 before submission, nothing written. The approved plan is published",
    body: Type.Object(
      { sessionOn: Text(20), decisionNumber: Text(100), text: Text(4000) },
      { additionalProperties: false },
    ),
    run: (_d, r, p, b, u) =>
      approvePlan(u, {
        planId: p.planId,
        sessionOn: str(b.sessionOn),
        decisionNumber: str(b.decisionNumber),
        text: str(b.text),
        actor: actorOf(r),
      }),
  },
  {
    path: 'items/:itemId/state',
    roles: ['chair'],
    summary: "An item's state in the approved plan: planned, in-progress, done, dropped (with a reason)",
    body: Type.Object(
      { state: Type.String({ maxLength: 20, description: ITEM_STATES.join(', ') }), reason: Type.Optional(Text(2000)) },
      { additionalProperties: false },
    ),
    run: (_d, r, p, b, u) =>
      setItemState(u, {
        planId: p.planId,
        itemId: p.itemId!,
        state: str(b.state),
        reason: b.reason ?? null,
        actor: actorOf(r),
      }),
  },
  {
    path: 'items/:itemId/links',
    roles: ['chair'],
    summary: 'Link an act or an information request of the group to the item it serves (one of actId, requestId)',
    body: Type.Object(
      { actId: Type.Optional(Text(200)), requestId: Type.Optional(Text(200)) },
      { additionalProperties: false },
    ),
    run: (_d, r, p, b, u) =>
      linkToItem(u, {
        planId: p.planId,
        itemId: p.itemId!,
        actId: b.actId ?? null,
        requestId: b.requestId ?? null,
        actor: actorOf(r),
      }),
  },
];

const paramsSchema = (path: string) =>
  Type.Object({
    groupId: Id,
    planId: Id,
    ...(path.includes(':proposalId') ? { proposalId: Id } : {}),
    ...(path.includes(':itemId') ? { itemId: Id } : {}),
  });

export function planRoutes(app: App, deps: AppDeps): void {
  const useCase = (): PlanDeps => ({ db: deps.db, now: () => (deps.clock ?? Date.now)() });

  app.post(
    '/api/groups/:groupId/plans',
    {
      schema: {
        summary: "Draft the group's work plan (7.3.1)",
        tags: ['plans'],
        params: Type.Object({ groupId: Id }),
        body: Type.Object({ title: Text(300) }, { additionalProperties: false }),
        response: { 201: Type.Object({ planId: Type.String() }), ...errors },
      },
      config: { access: ['chair'] },
      preValidation: requireRole(deps.db, ['chair']),
    },
    async (request, reply) => {
      try {
        const out = await draftPlan(useCase(), {
          groupId: request.params.groupId,
          title: request.body.title,
          actor: actorOf(request),
        });
        return reply.code(201).send(out);
      } catch (error) {
        throw planError(error) ?? error;
      }
    },
  );

  app.get(
    '/api/groups/:groupId/plans/:planId',
    {
      schema: {
        summary: 'The plan with its items and the executive body’s proposals',
        tags: ['plans'],
        params: Type.Object({ groupId: Id, planId: Id }),
        response: { 200: PlanView, ...errors },
      },
      config: { access: [...READERS] },
      preValidation: requireRole(deps.db, READERS),
    },
    async (request) => planJson(await planOfGroup(deps.db, request.params.groupId, request.params.planId)),
  );

  for (const action of ACTIONS) {
    app.post(
      `/api/groups/:groupId/plans/:planId/${action.path}`,
      {
        schema: {
          summary: action.summary,
          tags: ['plans'],
          params: paramsSchema(action.path),
          ...(action.body ? { body: action.body } : {}),
          response: { 200: Type.Object({ plan: PlanView, result: Type.Unknown() }), ...errors },
        },
        config: { access: [...action.roles] },
        preValidation: requireRole(deps.db, action.roles),
      },
      async (request) => {
        const p = request.params as Params;
        try {
          await planOfGroup(deps.db, p.groupId, p.planId);
          const result = await action.run(deps, request, p, (request.body ?? {}) as Fields, useCase());
          return { plan: planJson(await planOfGroup(deps.db, p.groupId, p.planId)), result: result ?? null };
        } catch (error) {
          throw planError(error) ?? error;
        }
      },
    );
    app.post(
      `/manage/groups/:groupId/plans/:planId/${action.path}`,
      {
        schema: { hide: true, params: paramsSchema(action.path), body: FormBody },
        config: { access: [...action.roles], page: true },
        preValidation: requireRole(deps.db, action.roles),
      },
      async (request, reply) => {
        const p = request.params as Params;
        const l = pageRequest(request, '').lang;
        try {
          await planOfGroup(deps.db, p.groupId, p.planId);
          await action.run(deps, request, p, request.body, useCase());
        } catch (error) {
          const shown = planError(error);
          if (!shown) throw error;
          return renderPlan(request, reply, p.groupId, p.planId, ERROR_STATUS[shown.code], shown);
        }
        return reply.redirect(`${managePlanPath(p.groupId, p.planId)}?lang=${l}&done=1`, 303);
      },
    );
  }

  // ---- pages ----

  async function renderPlan(
    request: FastifyRequest,
    reply: FastifyReply,
    groupId: string,
    planId: string,
    status: number,
    error: AppError | null,
  ) {
    const page: PageRequest = pageRequest(request, managePlanPath(groupId, planId));
    const l = page.lang;
    let plan: WorkPlan;
    try {
      plan = await planOfGroup(deps.db, groupId, planId);
    } catch {
      return sendNotFound(reply, page);
    }
    const role = page.auth?.role;
    const chair = role === 'chair';
    const draft = plan.status === 'draft';
    const base = managePlanPath(groupId, planId);
    const form = (path: string, inner: Html, label: string) =>
      html`<form method="post" action="${base}/${path}?lang=${l}">${csrfField(page)}${inner}<button type="submit">${label}</button></form>`;
    const objects = await deps.db
      .selectFrom('monitored_objects')
      .select(['id', 'name', 'name_ru'])
      .where('council_id', '=', plan.councilId)
      .where('active', '=', true)
      .orderBy('name')
      .execute();
    const acts = chair
      ? await deps.db
          .selectFrom('acts')
          .select(['id', 'number', 'title'])
          .where('group_id', '=', groupId)
          .orderBy('number')
          .execute()
      : [];
    const requests = chair
      ? await deps.db
          .selectFrom('information_requests')
          .select(['id', 'subject', 'sent_on'])
          .where('group_id', '=', groupId)
          .orderBy('sent_on')
          .execute()
      : [];
    const methodOptions = PLAN_METHODS.map((m) => html`<option value="${m}">${PLAN_METHOD_NAMES[m][l]}</option>`);
    const itemRows = plan.items.map(
      (i) => html`<tr><td>${String(i.position)}</td><td>${objectName(i.objectName, l)}</td><td>${i.subject}</td>
<td>${dmy(i.from)} – ${dmy(i.to)}</td><td>${PLAN_METHOD_NAMES[i.method][l]}</td>
<td>${ITEM_STATE_NAMES[i.state][l]}${i.dropReason ? html`: ${i.dropReason}` : ''}</td>
<td>${i.acts.map((a) => html`<a href="/manage/acts/${encodeURIComponent(a.id)}?lang=${l}">${a.number ?? ''} ${a.title}</a> `)}${i.requests.map((r) => html`<span>${r.id}</span> `)}
${
  chair && plan.status === 'approved'
    ? html`${
        i.state === 'done' || i.state === 'dropped'
          ? ''
          : form(
              `items/${encodeURIComponent(i.id)}/state`,
              html`<label for="state-${i.id}">${msg(l, 'plan.changeState')}</label><select id="state-${i.id}" name="state">${ITEM_STATES.filter((s) => s !== i.state).map((s) => html`<option value="${s}">${ITEM_STATE_NAMES[s][l]}</option>`)}</select>
<label for="reason-${i.id}">${msg(l, 'plan.reason')}</label><input id="reason-${i.id}" name="reason" maxlength="2000">`,
              msg(l, 'plan.save'),
            )
      }${form(
        `items/${encodeURIComponent(i.id)}/links`,
        html`<label for="act-${i.id}">${msg(l, 'plan.actId')}</label><select id="act-${i.id}" name="actId"><option value="">${msg(l, 'plan.choose')}</option>${acts.map((a) => html`<option value="${a.id}">${a.number ?? ''} ${a.title}</option>`)}</select>
<label for="request-${i.id}">${msg(l, 'plan.requestId')}</label><select id="request-${i.id}" name="requestId"><option value="">${msg(l, 'plan.choose')}</option>${requests.map((r) => html`<option value="${r.id}">${dmy(String(r.sent_on).slice(0, 10))} ${r.subject}</option>`)}</select>`,
        msg(l, 'plan.link'),
      )}`
    : ''
}</td></tr>\n`,
    );
    const items =
      plan.items.length === 0
        ? html`<p>${msg(l, 'plan.noItems')}</p>`
        : html`<div class="scroll"><table><thead><tr><th scope="col">№</th><th scope="col">${msg(l, 'plan.object')}</th><th scope="col">${msg(l, 'plan.subject')}</th><th scope="col">${msg(l, 'plan.period')}</th><th scope="col">${msg(l, 'plan.method')}</th><th scope="col">${msg(l, 'plan.state')}</th><th scope="col">${msg(l, 'plan.acts')}</th></tr></thead><tbody>${itemRows}</tbody></table></div>`;
    const proposals =
      plan.proposals.length === 0
        ? html`<p>${msg(l, 'plan.noProposals')}</p>`
        : html`<ul>${plan.proposals.map(
            (
              r,
            ) => html`<li><strong>${objectName(r.objectName, l)}</strong>: ${r.subject} (${dmy(r.from)} – ${dmy(r.to)}; ${PLAN_METHOD_NAMES[r.method][l]})${r.note ? html`. ${r.note}` : ''}
— ${msg(l, `plan.proposal.${r.status}`)}${r.declineReason ? html`: ${r.declineReason}` : ''}
${
  chair && draft && r.status === 'open'
    ? html`${form(`proposals/${encodeURIComponent(r.id)}/take`, html``, msg(l, 'plan.take'))}${form(
        `proposals/${encodeURIComponent(r.id)}/decline`,
        html`<label for="decline-${r.id}">${msg(l, 'plan.reason')}</label><input id="decline-${r.id}" name="reason" maxlength="2000" required>`,
        msg(l, 'plan.decline'),
      )}`
    : ''
}</li>`,
          )}</ul>`;
    const today = todayOf(deps);
    const chairForms =
      chair && draft
        ? html`<h2>${msg(l, 'plan.addItem')}</h2>${form(
            'items',
            html`<label for="objectId">${msg(l, 'plan.object')}</label><select id="objectId" name="objectId" required><option value="">${msg(l, 'plan.choose')}</option>${objects.map((o) => html`<option value="${o.id}">${l === 'ky' ? o.name : (o.name_ru ?? o.name)}</option>`)}</select>
<label for="subject">${msg(l, 'plan.subject')}</label><input id="subject" name="subject" maxlength="1000" required>
<label for="from">${msg(l, 'plan.from')}</label><input id="from" name="from" type="date" required>
<label for="to">${msg(l, 'plan.to')}</label><input id="to" name="to" type="date" required>
<label for="method">${msg(l, 'plan.method')}</label><select id="method" name="method" required>${methodOptions}</select>`,
            msg(l, 'plan.add'),
          )}
<h2>${msg(l, 'plan.send')}</h2>${form(
            'send',
            html`<label for="proposalsUntil">${msg(l, 'plan.proposalsUntil')}</label><input id="proposalsUntil" name="proposalsUntil" type="date" min="${today}" required>`,
            msg(l, 'plan.send'),
          )}
<h2>${msg(l, 'plan.submit')}</h2>${form('submit', html``, msg(l, 'plan.submit'))}`
        : '';
    const approvalForm =
      role === 'staff' && plan.status === 'submitted'
        ? html`<h2>${msg(l, 'plan.approval')}</h2>${form(
            'approval',
            html`<label for="sessionOn">${msg(l, 'plan.sessionOn')}</label><input id="sessionOn" name="sessionOn" type="date" required>
<label for="decisionNumber">${msg(l, 'plan.decisionNumber')}</label><input id="decisionNumber" name="decisionNumber" maxlength="100" required>
<label for="text">${msg(l, 'plan.decisionText')}</label><textarea id="text" name="text" rows="3" maxlength="4000" required></textarea>`,
            msg(l, 'plan.approve'),
          )}`
        : '';
    const done = (request.query as { done?: string }).done === '1';
    const body = html`${done ? html`<p class="notice" role="status">${msg(l, 'plan.done')}</p>` : ''}
${error ? errorBox(page, error) : ''}
<p class="muted">${msg(l, 'plan.intro')}</p>
<p>${msg(l, 'plan.status')}: <strong>${msg(l, `plan.status.${plan.status}`)}</strong></p>
${plan.sentOn && plan.proposalsUntil ? html`<p>${msg(l, 'plan.sent', { date: dmy(plan.sentOn), until: dmy(plan.proposalsUntil) })}</p>` : ''}
${plan.submittedOn ? html`<p>${msg(l, 'plan.submittedOn', { date: dmy(plan.submittedOn) })}</p>` : ''}
${plan.approval ? html`<p>${msg(l, 'plan.approvedBy', { date: dmy(plan.approval.sessionOn), number: plan.approval.decisionNumber })}</p><p><a href="${publicPlanPath(groupId)}?lang=${l}">${msg(l, 'plan.public')}</a></p>` : ''}
<h2>${msg(l, 'plan.items')}</h2>${items}
<h2>${msg(l, 'plan.proposals')}</h2>${proposals}
${chairForms}${approvalForm}`;
    return sendPage(reply, page, status, layout(page, `${msg(l, 'plan.title')}: ${plan.title}`, body));
  }

  app.get(
    '/manage/groups/:groupId/plans/:planId',
    {
      schema: { hide: true, params: Type.Object({ groupId: Id, planId: Id }) },
      config: { access: [...READERS], page: true },
      preValidation: requireRole(deps.db, READERS),
    },
    (request, reply) => renderPlan(request, reply, request.params.groupId, request.params.planId, 200, null),
  );

  async function renderList(
    request: FastifyRequest,
    reply: FastifyReply,
    groupId: string,
    status: number,
    error: AppError | null,
  ) {
    const page = pageRequest(request, managePlansPath(groupId));
    const l = page.lang;
    const plans = await listPlans(deps.db, groupId);
    const body = html`${error ? errorBox(page, error) : ''}<p class="muted">${msg(l, 'plan.intro')}</p>
${
  plans.length === 0
    ? html`<p>${msg(l, 'plan.none')}</p>`
    : html`<ul>${plans.map((p) => html`<li><a href="${managePlanPath(groupId, p.id)}?lang=${l}">${p.title}</a> (${msg(l, `plan.status.${p.status}`)})</li>`)}</ul>`
}
${
  page.auth?.role === 'chair'
    ? html`<h2>${msg(l, 'plan.new')}</h2><form method="post" action="${managePlansPath(groupId)}?lang=${l}">${csrfField(page)}
<label for="title">${msg(l, 'plan.name')}</label><input id="title" name="title" maxlength="300" required>
<button type="submit">${msg(l, 'plan.create')}</button></form>`
    : ''
}`;
    return sendPage(reply, page, status, layout(page, msg(l, 'plan.list'), body));
  }

  app.get(
    '/manage/groups/:groupId/plans',
    {
      schema: { hide: true, params: Type.Object({ groupId: Id }) },
      config: { access: [...READERS], page: true },
      preValidation: requireRole(deps.db, READERS),
    },
    (request, reply) => renderList(request, reply, request.params.groupId, 200, null),
  );

  app.post(
    '/manage/groups/:groupId/plans',
    {
      schema: { hide: true, params: Type.Object({ groupId: Id }), body: FormBody },
      config: { access: ['chair'], page: true },
      preValidation: requireRole(deps.db, ['chair']),
    },
    async (request, reply) => {
      const { groupId } = request.params;
      const l = pageRequest(request, '').lang;
      let planId: string;
      try {
        ({ planId } = await draftPlan(useCase(), {
          groupId,
          title: (request.body as Fields).title ?? '',
          actor: actorOf(request),
        }));
      } catch (error) {
        const shown = planError(error);
        if (!shown) throw error;
        return renderList(request, reply, groupId, ERROR_STATUS[shown.code], shown);
      }
      return reply.redirect(`${managePlanPath(groupId, planId)}?lang=${l}`, 303);
    },
  );
}
