// GET/POST /manage/groups/:groupId/requests: the group's information requests for the chair and staff (members and
// deputies read): each with its object, dates and outcome, and the form that writes and sends a new one (7.3.2(1)).
// The chair and staff re-send a fresh link for an open request (api/links/resend-page.ts), revoking the earlier one.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { findGroupById } from '../../db/groups';
import { listObjects } from '../../db/objects';
import { listGroupRequests } from '../../db/requests';
import { bishkekDateOf } from '../../domain/dates';
import { dmy } from '../../domain/messages';
import { requestOutcome } from '../../domain/request';
import { writeRequest } from '../../procedures/requests/write-request';
import { AppError } from '../app-error';
import type { App, AppDeps } from '../app-types';
import { actorOf, pageError } from '../acts/common';
import { requireRole } from '../auth/require-role';
import { ERROR_STATUS } from '../error-status';
import { procedureDeps } from '../procedure-deps';
import { errorBox } from '../ui/error-page';
import { html } from '../ui/html';
import { csrfField, layout } from '../ui/layout';
import { msg } from '../ui/messages';
import { pageRequest, sendNotFound, sendPage } from '../ui/respond';
import { requestResendForm, requestResentNote } from '../links/resend-page';

const Params = Type.Object({ groupId: Type.String({ minLength: 1, maxLength: 200 }) });
const Form = Type.Object({
  _csrf: Type.Optional(Type.String()),
  objectId: Type.String({ maxLength: 200 }),
  subject: Type.String({ maxLength: 2000 }),
  purpose: Type.String({ maxLength: 2000 }),
  reference: Type.Optional(Type.String({ maxLength: 500 })),
});
type Typed = { objectId: string; subject: string; purpose: string; reference: string };
const EMPTY: Typed = { objectId: '', subject: '', purpose: '', reference: '' };
const path = (groupId: string) => `/manage/groups/${encodeURIComponent(groupId)}/requests`;

export function manageRequestsPages(app: App, deps: AppDeps): void {
  const clock = deps.clock ?? Date.now;

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    groupId: string,
    status: number,
    error: AppError | null,
    typed: Typed,
  ) {
    const page = pageRequest(request, path(groupId));
    const l = page.lang;
    const group = await findGroupById(deps.db, groupId);
    if (!group) return sendNotFound(reply, page);
    const today = bishkekDateOf(clock());
    const [requests, objects] = await Promise.all([
      listGroupRequests(deps.db, groupId),
      listObjects(deps.db, group.council_id),
    ]);
    const names = new Map(objects.map((o) => [o.id, l === 'ky' ? o.name.ky : o.name.ru]));
    const mayWrite = page.auth?.role === 'chair' || page.auth?.role === 'staff';
    const done = html`${
      (request.query as { done?: string }).done === 'sent'
        ? html`<p class="notice" role="status">${msg(l, 'requests.sent')}</p>`
        : ''
    }${await requestResentNote(deps.db, request, l)}`;
    const table =
      requests.length === 0
        ? html`<p>${msg(l, 'requests.publicEmpty')}</p>`
        : html`<table>
<thead><tr><th>${msg(l, 'requests.subject')}</th><th>${msg(l, 'requests.object')}</th><th>${msg(l, 'requests.sentOn')}</th><th>${msg(l, 'requests.receivedOn')}</th><th>${msg(l, 'requests.due')}</th><th>${msg(l, 'requests.outcome')}</th>${mayWrite ? html`<th>${msg(l, 'links.resendTitle')}</th>` : ''}</tr></thead>
<tbody>${requests.map(
            (r) =>
              html`<tr><td>${r.subject}</td><td>${names.get(r.objectId) ?? r.objectId}</td><td>${dmy(r.sentOn)}</td><td>${r.receivedOn ? dmy(r.receivedOn) : '—'}</td><td>${r.due ? dmy(r.due) : '—'}</td><td>${msg(l, `requests.outcome.${requestOutcome({ outcome: r.outcome, outcomeOn: r.outcomeOn, due: r.due }, today)}`)}</td>${mayWrite ? html`<td>${requestResendForm(page, r)}</td>` : ''}</tr>`,
          )}</tbody></table>`;
    const form = !mayWrite
      ? ''
      : objects.length === 0
        ? html`<p>${msg(l, 'requests.noObjects')}</p>`
        : html`<h2>${msg(l, 'requests.write')}</h2>
${error ? errorBox(page, error) : ''}
<form method="post" action="${path(groupId)}?lang=${l}">
${csrfField(page)}
<label for="objectId">${msg(l, 'requests.object')}</label>
<select id="objectId" name="objectId" required>${objects.map((o) =>
            o.id === typed.objectId
              ? html`<option value="${o.id}" selected>${names.get(o.id)}</option>`
              : html`<option value="${o.id}">${names.get(o.id)}</option>`,
          )}</select>
<label for="subject">${msg(l, 'requests.subject')}</label>
<textarea id="subject" name="subject" rows="3" maxlength="2000" required>${typed.subject}</textarea>
<label for="purpose">${msg(l, 'requests.purpose')}</label>
<textarea id="purpose" name="purpose" rows="2" maxlength="2000" required>${typed.purpose}</textarea>
<label for="reference">${msg(l, 'requests.reference')}</label>
<input id="reference" name="reference" type="text" maxlength="500" value="${typed.reference}">
<button type="submit">${msg(l, 'requests.send')}</button>
</form>`;
    const body = html`${done}<p class="muted">${msg(l, 'requests.law')}</p>${table}${form}
<p><a href="/groups/${encodeURIComponent(groupId)}/requests?lang=${l}">${msg(l, 'requests.publicTitle')}</a></p>`;
    return sendPage(reply, page, status, layout(page, msg(l, 'requests.manageTitle'), body));
  }

  const readers = ['chair', 'staff', 'member', 'deputy'] as const;
  app.get(
    '/manage/groups/:groupId/requests',
    {
      schema: { hide: true, params: Params },
      config: { access: readers, page: true },
      preValidation: requireRole(deps.db, readers),
    },
    (request, reply) => render(request, reply, request.params.groupId, 200, null, EMPTY),
  );

  app.post(
    '/manage/groups/:groupId/requests',
    {
      schema: { hide: true, params: Params, body: Form },
      config: { access: ['chair', 'staff'], page: true },
      preValidation: requireRole(deps.db, ['chair', 'staff']),
    },
    async (request, reply) => {
      const { groupId } = request.params;
      const b = request.body;
      const typed: Typed = {
        objectId: b.objectId,
        subject: b.subject,
        purpose: b.purpose,
        reference: b.reference ?? '',
      };
      const l = pageRequest(request, '').lang;
      try {
        await writeRequest(procedureDeps(deps, request.log), {
          groupId,
          objectId: typed.objectId,
          subject: typed.subject,
          purpose: typed.purpose,
          reference: typed.reference.trim() === '' ? null : typed.reference,
          actor: actorOf(request),
        });
      } catch (error) {
        const shown = pageError(error);
        if (!shown) throw error;
        return render(request, reply, groupId, ERROR_STATUS[shown.code], shown, typed);
      }
      return reply.redirect(`${path(groupId)}?lang=${l}&done=sent`, 303);
    },
  );
}
