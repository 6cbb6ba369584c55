// A page route's error as a page: the message in the request's language, a workflow's problems one per line with
// their field in words (field-label.ts: a form's label, a row by position and name, an object by name) and clause, and for a missing login on a GET a redirect to the login page that comes back here afterwards.
import { clauseText } from '../../domain/obligation-messages';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppError } from '../app-error';
import { errorMessage } from '../error-messages';
import { fieldLabel, type FieldContext } from './field-label';
import { msg } from './messages';
import { html, type Html } from './html';
import { layout, type PageRequest } from './layout';
import { pageRequest, sendPage } from './respond';

/** The problems of a refusal as a list (field in words, message, clause), or nothing; `ctx` names the page's rows and objects. */
export function problemList(page: PageRequest, error: AppError, ctx: FieldContext = {}): Html {
  const problems = error.details.problems ?? [];
  if (problems.length === 0) return html``;
  return html`<ul>${problems.map((p) => html`<li><strong>${fieldLabel(page.lang, p.field, ctx)}</strong>: ${p.message[page.lang]}${p.clause ? html` <span class="muted">(${clauseText(page.lang, p.clause)})</span>` : ''}</li>`)}</ul>`;
}

/** The error box a form page shows above the form (role=alert so screen readers announce it). */
export function errorBox(page: PageRequest, error: AppError, ctx: FieldContext = {}): Html {
  const problems = error.details.problems ?? [];
  const message =
    problems.length > 0 ? msg(page.lang, 'form.errors') : errorMessage(page.lang, error.code, error.details, ctx);
  return html`<div class="error" role="alert"><p>${message}</p>${problemList(page, error, ctx)}</div>`;
}

export function renderErrorPage(
  request: FastifyRequest,
  reply: FastifyReply,
  error: AppError,
  status: number,
): FastifyReply {
  const path = request.url.split('?')[0] ?? '/';
  const page = pageRequest(request, path);
  if (error.code === 'not-authenticated' && request.method === 'GET') {
    return reply.redirect(`/login?lang=${page.lang}&next=${encodeURIComponent(request.url)}`, 303);
  }
  const title = msg(page.lang, 'error.title');
  return sendPage(reply, page, status, layout(page, title, errorBox(page, error)));
}
