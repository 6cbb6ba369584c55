// The monitored object's side of an information request (7.3.2(1), Law No. 217), reached only through the signed
// link mailed with it (security/request-token.ts): opening the page records nothing; the receipt is the deliberate
// POST of its "I have received it" button; then the answer, the one extension or the refusal citing its ground.
// A link revoked by a fresh one staff re-sent since (db/link-generations.ts) answers 410 saying so.
// And the group's public list of requests (subject, object, sent, due, outcome; no personal data).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { findGroupById } from '../../db/groups';
import { findObjectById } from '../../db/objects';
import { findRequest, publicGroupRequests, type InformationRequest } from '../../db/requests';
import { currentLinkGeneration, requestLinkSubject } from '../../db/link-generations';
import { shippedCalendar } from '../../domain/calendar';
import { bishkekDateOf, compareDates } from '../../domain/dates';
import type { Lang } from '../../domain/i18n';
import { dmy } from '../../domain/messages';
import { CALENDAR_KIND_NAMES, calendarOfKind } from '../../domain/object-calendar';
import { latestExtendedDue, REFUSAL_GROUND_NAMES, REFUSAL_GROUNDS } from '../../domain/request';
import { EngineUnavailableError, ProcedureNotFoundError, ProcedureRefusedError } from '../../procedures/engine';
import {
  answerRequest,
  extendRequest,
  recordRequestReceipt,
  refuseRequest,
} from '../../procedures/requests/request-steps';
import { RESPONSE_TOKEN_MESSAGES, ResponseTokenError } from '../../security/response-token';
import { verifyRequestToken } from '../../security/request-token';
import { responseLinkSecret } from '../../security/server-secret';
import type { App, AppDeps } from '../app-types';
import { procedureDeps } from '../procedure-deps';
import { html, type Html } from '../ui/html';
import { layout, type PageRequest } from '../ui/layout';
import { msg } from '../ui/messages';
import { pageRequest, sendNotFound, sendPage } from '../ui/respond';

const LinkQuery = Type.Object({
  t: Type.Optional(Type.String({ maxLength: 2000 })),
  lang: Type.Optional(Type.String({ maxLength: 10 })),
  done: Type.Optional(Type.String({ maxLength: 20 })),
});
const Form = Type.Object({
  newDue: Type.Optional(Type.String({ maxLength: 20 })),
  reason: Type.Optional(Type.String({ maxLength: 5000 })),
  text: Type.Optional(Type.String({ maxLength: 25000 })),
  ground: Type.Optional(Type.String({ maxLength: 40 })),
});
const ACTIONS = ['receipt', 'extend', 'answer', 'refuse'] as const;
type Action = (typeof ACTIONS)[number];
const DONE: Record<Action, 'receipt' | 'extended' | 'answered' | 'refused'> = {
  receipt: 'receipt',
  extend: 'extended',
  answer: 'answered',
  refuse: 'refused',
};

/** The request behind a genuine link for it, or the refusal's status and words (410 for an expired or revoked link). */
export async function open(
  deps: AppDeps,
  requestId: string,
  token: string | undefined,
): Promise<
  { request: InformationRequest } | { status: 403 | 404 | 410; code: keyof typeof RESPONSE_TOKEN_MESSAGES | null }
> {
  try {
    const payload = verifyRequestToken(token ?? '', responseLinkSecret(deps.config), {
      nowMs: (deps.clock ?? Date.now)(),
      requestId,
    });
    const request = await findRequest(deps.db, requestId);
    if (!request) return { status: 404, code: null };
    if (request.objectId !== payload.objectId) return { status: 403, code: 'wrong-act' };
    // Only the newest link works: a fresh one re-sent since revokes this one.
    if (
      (payload.generation ?? 0) !==
      (await currentLinkGeneration(deps.db, requestLinkSubject(requestId), payload.objectId))
    )
      return { status: 410, code: 'revoked' };
    return { request };
  } catch (error) {
    if (error instanceof ResponseTokenError) return { status: error.code === 'expired' ? 410 : 403, code: error.code };
    throw error;
  }
}

function facts(l: Lang, r: InformationRequest, objectName: string): Html {
  const row = (k: string, v: string | null) =>
    v === null ? '' : html`<tr><th scope="row">${k}</th><td>${v}</td></tr>`;
  return html`<table class="facts">
${row(msg(l, 'requests.object'), objectName)}
${row(msg(l, 'requests.subject'), r.subject)}
${row(msg(l, 'requests.purpose'), r.purpose)}
${row(msg(l, 'requests.reference'), r.reference)}
${row(msg(l, 'requests.sentOn'), dmy(r.sentOn))}
${row(msg(l, 'requests.receivedOn'), r.receivedOn && dmy(r.receivedOn))}
${row(msg(l, 'requests.due'), r.due && dmy(r.due))}
${row(msg(l, 'requests.calendar'), CALENDAR_KIND_NAMES[r.calendarKind][l])}
</table>
<p>${msg(l, 'requests.law')}</p>`;
}

function forms(page: PageRequest, r: InformationRequest, token: string, today: string): Html {
  const l = page.lang;
  const action = (a: Action) =>
    `/requests/${encodeURIComponent(r.id)}/respond/${a}?t=${encodeURIComponent(token)}&lang=${l}`;
  if (r.outcome !== null) return html`<p>${msg(l, 'requests.over')}</p>`;
  if (r.receivedOn === null)
    return html`<p>${msg(l, 'requests.receiveIntro')}</p>
<form method="post" action="${action('receipt')}"><button type="submit">${msg(l, 'requests.receive')}</button></form>`;
  const calendar = calendarOfKind(shippedCalendar(), r.calendarKind);
  const canExtend = r.extension === null && r.firstDue !== null && compareDates(today, r.firstDue) <= 0;
  return html`<h2>${msg(l, 'requests.answerTitle')}</h2>
<form method="post" action="${action('answer')}">
<label>${msg(l, 'requests.answerText')}<textarea name="text" rows="8" required></textarea></label>
<button type="submit">${msg(l, 'requests.answer')}</button></form>
${
  canExtend
    ? html`<h2>${msg(l, 'requests.extendTitle')}</h2>
<form method="post" action="${action('extend')}">
<label>${msg(l, 'requests.newDue', { latest: dmy(latestExtendedDue(calendar, r.firstDue!)) })}<input type="date" name="newDue" required></label>
<label>${msg(l, 'requests.reason')}<textarea name="reason" rows="3" required></textarea></label>
<button type="submit">${msg(l, 'requests.extend')}</button></form>`
    : ''
}
<h2>${msg(l, 'requests.refuseTitle')}</h2>
<form method="post" action="${action('refuse')}">
<label>${msg(l, 'requests.ground')}<select name="ground" required><option value=""></option>${REFUSAL_GROUNDS.map(
    (g) => html`<option value="${g}">${REFUSAL_GROUND_NAMES[g][l]}</option>`,
  )}</select></label>
<label>${msg(l, 'requests.groundText')}<textarea name="text" rows="3" required></textarea></label>
<button type="submit">${msg(l, 'requests.refuse')}</button></form>`;
}

export function requestPages(app: App, deps: AppDeps): void {
  const clock = deps.clock ?? Date.now;

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    requestId: string,
    token: string | undefined,
    status: number,
    note: Html | string = '',
  ) {
    const page = pageRequest(request, `/requests/${encodeURIComponent(requestId)}/respond`, token ? { t: token } : {});
    const l = page.lang;
    const opened = await open(deps, requestId, token);
    if (!('request' in opened)) {
      if (opened.code === null) return sendNotFound(reply, page);
      return sendPage(
        reply,
        page,
        opened.status,
        layout(
          page,
          msg(l, 'requests.title'),
          html`<p class="error" role="alert">${RESPONSE_TOKEN_MESSAGES[opened.code][l]}</p>`,
        ),
      );
    }
    const r = opened.request;
    const object = await findObjectById(deps.db, r.objectId);
    const objectName = object ? (l === 'ky' ? object.name.ky : object.name.ru) : r.objectId;
    const body = html`${note}${facts(l, r, objectName)}${forms(page, r, token!, bishkekDateOf(clock()))}`;
    return sendPage(reply, page, status, layout(page, msg(l, 'requests.title'), body));
  }

  app.get(
    '/requests/:requestId/respond',
    { schema: { hide: true, querystring: LinkQuery }, config: { access: ['object-link'], page: true } },
    async (request, reply) => {
      const { requestId } = request.params as { requestId: string };
      const { t, done } = request.query;
      const l = pageRequest(request, '/').lang;
      const note =
        done && (Object.values(DONE) as string[]).includes(done)
          ? html`<p class="notice" role="status">${msg(l, `requests.done.${done as 'receipt'}`)}</p>`
          : '';
      return render(request, reply, requestId, t, 200, note);
    },
  );

  // The object's steps: only these POSTs record anything; a refusal is the page again with the rule, nothing written.
  app.post(
    '/requests/:requestId/respond/:action',
    {
      schema: { hide: true, querystring: LinkQuery, body: Form },
      config: { access: ['object-link'], page: true },
    },
    async (request, reply) => {
      const { requestId, action } = request.params as { requestId: string; action: string };
      const { t } = request.query;
      const l = pageRequest(request, '/').lang;
      if (!(ACTIONS as readonly string[]).includes(action))
        return sendNotFound(reply, pageRequest(request, request.url));
      const opened = await open(deps, requestId, t);
      if (!('request' in opened)) return render(request, reply, requestId, t, 200);
      const today = bishkekDateOf(clock());
      const body = request.body ?? {};
      const steps = procedureDeps(deps, request.log);
      try {
        switch (action as Action) {
          case 'receipt':
            await recordRequestReceipt(steps, { requestId, receivedOn: today, via: 'link' });
            break;
          case 'extend':
            await extendRequest(steps, { requestId, on: today, newDue: body.newDue ?? '', reason: body.reason ?? '' });
            break;
          case 'answer':
            await answerRequest(steps, { requestId, on: today, text: body.text ?? '' });
            break;
          case 'refuse':
            await refuseRequest(steps, {
              requestId,
              on: today,
              ground: (body.ground ?? '') as 'state-secret',
              text: body.text ?? '',
            });
            break;
        }
      } catch (error) {
        const refusal = (status: number, words: Html) =>
          render(
            request,
            reply,
            requestId,
            t,
            status,
            html`<div class="error" role="alert"><p>${msg(l, 'requests.refused')}</p>${words}</div>`,
          );
        if (error instanceof ProcedureRefusedError)
          return refusal(400, html`<ul>${error.problems.map((p) => html`<li>${p.message[l]}</li>`)}</ul>`);
        if (error instanceof ProcedureNotFoundError) return refusal(409, html`<p>${msg(l, 'requests.over')}</p>`);
        if (error instanceof EngineUnavailableError)
          return refusal(503, html`<p>${msg(l, 'requests.unavailable')}</p>`);
        throw error;
      }
      const back = `/requests/${encodeURIComponent(requestId)}/respond?t=${encodeURIComponent(t ?? '')}&lang=${l}&done=${DONE[action as Action]}`;
      return reply.redirect(back, 303);
    },
  );

  app.get(
    '/groups/:groupId/requests',
    {
      schema: { hide: true, querystring: Type.Object({ lang: Type.Optional(Type.String({ maxLength: 10 })) }) },
      config: { access: ['public'], page: true },
    },
    async (request, reply) => {
      const { groupId } = request.params as { groupId: string };
      const page = pageRequest(request, `/groups/${encodeURIComponent(groupId)}/requests`);
      const l = page.lang;
      if (!(await findGroupById(deps.db, groupId))) return sendNotFound(reply, page);
      const lines = await publicGroupRequests(deps.db, groupId, bishkekDateOf(clock()));
      const table =
        lines.length === 0
          ? html`<p>${msg(l, 'requests.publicEmpty')}</p>`
          : html`<table>
<thead><tr><th>${msg(l, 'requests.subject')}</th><th>${msg(l, 'requests.object')}</th><th>${msg(l, 'requests.sentOn')}</th><th>${msg(l, 'requests.due')}</th><th>${msg(l, 'requests.outcome')}</th></tr></thead>
<tbody>${lines.map(
              (r) =>
                html`<tr><td>${r.subject}</td><td>${l === 'ky' ? r.object.ky : r.object.ru}</td><td>${dmy(r.sentOn)}</td><td>${r.due ? dmy(r.due) : '—'}</td><td>${msg(l, `requests.outcome.${r.outcome}`)}</td></tr>`,
            )}</tbody></table>`;
      return sendPage(reply, page, 200, layout(page, msg(l, 'requests.publicTitle'), table));
    },
  );
}
