// /acts/:actId/respond?t=TOKEN: the monitored object's page, reached through the signed link mailed with the act
// (4.3). No account: the link is the credential (access 'object-link'; no CSRF token needed, a foreign site cannot
// know the link). A refused link (damaged, altered, for another act: 403; expired: 410) shows only why, in the
// request's language, never the act; a link revoked by a fresh one re-sent since is 410 saying so. A good link shows the
// act (8.1), what the object owes with its due date and the working days left, its answers so far; opening the page
// records nothing (a mail scanner opens links too): the receipt the 4.3 counts start from is the party's press of
// "I have received it" (POST /acts/:actId/respond/receipt; a second press changes nothing), after which the answer
// form (text and an optional file) shows. Answers after the due date are accepted and marked late.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { dmy } from '../../domain/messages';
import type { Lang } from '../../domain/i18n';
import { AppError } from '../app-error';
import type { App, AppDeps } from '../app-types';
import { ERROR_STATUS } from '../error-status';
import { msg } from '../ui/messages';
import { field, NONCE_PATTERN, newNonce, pageError, readMultipart } from './common';
import {
  LINK_RATE_LIMIT,
  linkRateKey,
  LinkRefusal,
  openLink,
  owedBy,
  receiveAsObject,
  respondAsObject,
  viewAsObject,
  type LinkedAct,
  type ReceiptNote,
} from './link';
import { linkHeaders } from './respond';
import { CALENDAR_GRID_STYLE, dueDateGrids } from './due-grids';
import { errorBox } from '../ui/error-page';
import { html } from '../ui/html';
import { layout, type PageRequest } from '../ui/layout';
import { actContent, annexFiles, daysLeftText, obligationsTable, responsesList } from './render';
import { pageRequest, queryString, sendPage } from '../ui/respond';

const Params = Type.Object({ actId: Type.String({ minLength: 1, maxLength: 200 }) });

const respondPath = (actId: string) => `/acts/${encodeURIComponent(actId)}/respond`;

function linkPage(request: FastifyRequest, actId: string): PageRequest {
  const t = queryString(request, 't') ?? '';
  return pageRequest(request, respondPath(actId), { t });
}

function refused(request: FastifyRequest, reply: FastifyReply, actId: string, error: LinkRefusal): FastifyReply {
  const page = linkPage(request, actId);
  const body = html`<p class="error" role="alert">${error.words(page.lang)}</p>`;
  return sendPage(reply, page, error.status, layout(page, msg(page.lang, 'respond.refusedTitle'), body));
}

async function render(
  deps: AppDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  linked: LinkedAct,
  status: number,
  error: AppError | null,
  kept: { text: string; nonce: string } | null,
  receiptFailed: ReceiptNote = null,
): Promise<FastifyReply> {
  const page = linkPage(request, linked.act.id);
  const lang: Lang = page.lang;
  const t = queryString(request, 't') ?? '';
  const view = await viewAsObject(deps, request.log, linked);
  const { act, object } = linked;
  const owed = owedBy(object, view.progress.obligations);
  const owedKeys = new Set(owed.map((o) => o.key));
  const mine = view.progress.responses.filter(
    (r) => owedKeys.has(r.obligationKey) || r.responder === `object:${object.id}`,
  );
  const closed = view.progress.closed !== null || act.status === 'closed';
  const done = !error && queryString(request, 'done') === 'responded';
  const objectName = lang === 'ru' ? object.name.ru : object.name.ky;

  const dueLines = owed
    .filter((o) => o.due !== null && !o.fulfilled && o.status !== 'closed')
    .map(
      (o) =>
        html`<p><strong>${msg(lang, 'respond.dueLine', { what: o.title[lang], due: dmy(o.due!) })}</strong> ${daysLeftText(lang, o)}</p>`,
    );
  const grids = await dueDateGrids(deps.db, lang, owed, object);
  const receiptNote =
    receiptFailed === null
      ? ''
      : html`<p class="notice" role="alert">${msg(lang, receiptFailed === 'not-started' ? 'respond.receiptNotStarted' : 'links.receiptLater')}</p>`;
  // 4.3: the receipt is the party's deliberate act, never the opening of the page.
  const receiveForm = view.awaitingReceipt
    ? html`<section aria-labelledby="receive-intro"><p id="receive-intro"><strong>${msg(lang, 'links.receiveIntro')}</strong></p>
<form method="post" action="${respondPath(act.id)}/receipt?t=${t}&lang=${lang}"><button type="submit">${msg(lang, 'links.receive')}</button></form></section>`
    : '';
  const justReceived = !error && queryString(request, 'done') === 'received' && view.receipt;
  const form = closed
    ? html`<p>${msg(lang, 'respond.closed')}</p>`
    : view.awaitingReceipt && kept === null
      ? html`<p class="muted">${msg(lang, 'links.receiveFirst')}</p>`
      : html`<h2>${msg(lang, 'respond.formTitle')}</h2>
<p class="muted">${msg(lang, 'respond.formHint')}</p>
<form method="post" action="${respondPath(act.id)}?t=${t}&lang=${lang}" enctype="multipart/form-data">
<input type="hidden" name="nonce" value="${kept?.nonce ?? newNonce()}">
<label for="text">${msg(lang, 'respond.text')}</label>
<textarea id="text" name="text" rows="8" required maxlength="50000">${kept?.text ?? ''}</textarea>
<label for="file">${msg(lang, 'respond.file')}</label>
<input id="file" name="file" type="file" accept=".pdf,.jpg,.jpeg,.png,.docx,.xlsx,.odt" aria-describedby="file-hint">
<p id="file-hint" class="muted">${msg(lang, 'respond.fileHint')}</p>
<button type="submit">${msg(lang, 'respond.send')}</button>
</form>`;

  const body = html`${act.title ? html`<p class="lead"><strong>${act.title}</strong></p>` : ''}
<p>${msg(lang, 'respond.greeting', { object: objectName })}</p>
${error ? errorBox(page, error) : ''}
${done ? html`<p class="ok" role="status">${msg(lang, mine.at(-1)?.late ? 'respond.thanksLate' : 'respond.thanks')}</p>` : ''}
${justReceived ? html`<p class="ok" role="status">${msg(lang, 'links.received', { on: dmy(view.receipt!.receivedOn) })}</p>` : ''}
${receiptNote}
${receiveForm}
<h2>${msg(lang, 'respond.owesTitle')}</h2>
${view.receipt ? html`<p>${msg(lang, 'act.receivedOn')}: ${dmy(view.receipt.receivedOn)}</p>` : html`<p>${msg(lang, 'respond.countsOnReceipt')}</p>`}
${dueLines}
${grids}
${obligationsTable(lang, owed)}
<p class="muted">${msg(lang, object.isExecutiveBody ? 'respond.ruleExecutive' : 'respond.ruleObject')}</p>
${mine.length > 0 ? html`<h2>${msg(lang, 'respond.yourResponses')}</h2>${responsesList(lang, act.id, mine, { text: false, fileLinks: false })}` : ''}
<h2>${msg(lang, 'respond.actTitle')}</h2>
${act.issuedOn ? html`<p>${msg(lang, 'acts.issuedOn')}: ${dmy(act.issuedOn)}</p>` : ''}
${actContent(lang, act, object)}
<h3>${msg(lang, 'manageActs.filesTitle')}</h3>
${annexFiles(lang, act)}
${form}`;
  return sendPage(
    reply,
    page,
    status,
    layout(page, msg(lang, 'act.title', { number: act.number ?? '' }), body, { stylesheet: CALENDAR_GRID_STYLE }),
  );
}

export function objectRespondPages(app: App, deps: AppDeps): void {
  const limit = (max: number) => ({ max, timeWindow: LINK_RATE_LIMIT.windowMs, keyGenerator: linkRateKey });

  app.get(
    '/acts/:actId/respond',
    {
      schema: { hide: true, params: Params },
      config: { access: ['object-link'], page: true, rateLimit: limit(LINK_RATE_LIMIT.reads) },
    },
    async (request, reply) => {
      linkHeaders(reply);
      const { actId } = request.params;
      let linked: LinkedAct;
      try {
        linked = await openLink(deps, actId, queryString(request, 't'));
      } catch (error) {
        if (error instanceof LinkRefusal) return refused(request, reply, actId, error);
        throw error;
      }
      return render(deps, request, reply, linked, 200, null, null);
    },
  );

  // 4.3: "I have received it": the only way through the link to record the receipt (once; a second press changes
  // nothing). Without the engine the page says the receipt was not recorded (503), and the party presses again later.
  app.post(
    '/acts/:actId/respond/receipt',
    {
      schema: { hide: true, params: Params },
      config: { access: ['object-link'], page: true, rateLimit: limit(LINK_RATE_LIMIT.writes) },
    },
    async (request, reply) => {
      linkHeaders(reply);
      const { actId } = request.params;
      const t = queryString(request, 't') ?? '';
      let linked: LinkedAct;
      try {
        linked = await openLink(deps, actId, t);
      } catch (error) {
        if (error instanceof LinkRefusal) return refused(request, reply, actId, error);
        throw error;
      }
      const received = await receiveAsObject(deps, request.log, linked);
      if ('note' in received)
        return render(
          deps,
          request,
          reply,
          linked,
          received.note === 'engine-unavailable' ? 503 : 409,
          null,
          null,
          received.note,
        );
      const lang = pageRequest(request, '').lang;
      return reply.redirect(`${respondPath(actId)}?t=${encodeURIComponent(t)}&lang=${lang}&done=received`, 303);
    },
  );

  app.post(
    '/acts/:actId/respond',
    {
      schema: { hide: true, params: Params },
      config: { access: ['object-link'], page: true, rateLimit: limit(LINK_RATE_LIMIT.writes) },
    },
    async (request, reply) => {
      linkHeaders(reply);
      const { actId } = request.params;
      const t = queryString(request, 't') ?? '';
      let linked: LinkedAct;
      try {
        linked = await openLink(deps, actId, t);
      } catch (error) {
        if (error instanceof LinkRefusal) return refused(request, reply, actId, error);
        throw error;
      }
      let kept: { text: string; nonce: string } | null = null;
      try {
        const { fields, file } = await readMultipart(request, ['text', 'nonce']);
        kept = { text: fields.text ?? '', nonce: field(fields, 'nonce') };
        if (!NONCE_PATTERN.test(kept.nonce))
          throw new AppError('invalid-input', 'nonce', { field: 'nonce', rule: 'type' });
        if (kept.text.trim() === '') throw new AppError('invalid-input', 'text', { field: 'text', rule: 'required' });
        await respondAsObject(deps, request.log, linked, { text: kept.text, submissionKey: kept.nonce, file });
      } catch (error) {
        const shown = pageError(error);
        if (!shown) throw error;
        return render(deps, request, reply, linked, ERROR_STATUS[shown.code], shown, kept);
      }
      const lang = pageRequest(request, '').lang;
      return reply.redirect(`${respondPath(actId)}?t=${encodeURIComponent(t)}&lang=${lang}&done=responded`, 303);
    },
  );
}
