// The "fresh link" forms on the staff pages (4.3, 7.3.2(1)): on the act page, one button per party (the object, and
// the executive body's own for an act about another object, 4.3(4)); on the group's requests page, one per open
// request. Each posts to api/links/routes.ts, which revokes the party's earlier link; back on the page, a note says
// where the fresh link went (read from the outbox's mail of that link generation).
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Act } from '../../db/acts';
import type { Database } from '../../db/database';
import type { Group } from '../../db/groups';
import { findObjectById } from '../../db/objects';
import type { InformationRequest } from '../../db/requests';
import type { ReceiptParty } from '../../domain/act-procedure';
import { actLinkMailKey, requestLinkMailKey } from '../../procedures/links/resend-link';
import type { AppDeps } from '../app-types';
import { may } from '../acts/common';
import { html, type Html } from '../ui/html';
import { csrfField, type PageRequest } from '../ui/layout';
import { msg } from '../ui/messages';
import { queryString } from '../ui/respond';
import { manageActPath, manageRequestsPath } from './routes';

/** The recipients of the mail under `businessKey`, or null when there is none. */
async function recipientsOf(db: Kysely<Database>, businessKey: string): Promise<string[] | null> {
  const row = await db
    .selectFrom('mail_outbox')
    .select('recipients')
    .where('business_key', '=', businessKey)
    .executeTakeFirst();
  if (!row) return null;
  return typeof row.recipients === 'string' ? (JSON.parse(row.recipients) as string[]) : row.recipients;
}

/** After a re-send: where the fresh link went, or that its mail is still pending. */
async function resentNote(
  db: Kysely<Database>,
  request: FastifyRequest,
  lang: PageRequest['lang'],
  key: (generation: number) => string,
): Promise<Html | ''> {
  const g = Number(queryString(request, 'g'));
  if (!queryString(request, 'resent') || !Number.isSafeInteger(g) || g < 1) return '';
  const to = await recipientsOf(db, key(g));
  if (to === null) return '';
  return queryString(request, 'mail') === 'pending'
    ? html`<p class="notice" role="status">${msg(lang, 'links.resentPending')}</p>`
    : html`<p class="ok" role="status">${msg(lang, 'links.resent', { to: to.join(', ') })}</p>`;
}

/** The act page's section: staff and the group's chair re-send a party's link while the act is issued and open. */
export async function resendLinkSection(
  deps: AppDeps,
  request: FastifyRequest,
  page: PageRequest,
  act: Act,
  group: Group,
): Promise<Html | ''> {
  if (act.status === 'draft' || act.status === 'closed') return '';
  if (!may(request, ['staff', 'chair'], group)) return '';
  const lang = page.lang;
  const object = await findObjectById(deps.db, act.objectId);
  const parties: ReceiptParty[] = object && !object.isExecutiveBody ? ['object', 'executive-body'] : ['object'];
  const resent = queryString(request, 'resent');
  const party: ReceiptParty = resent === 'executive-body' ? 'executive-body' : 'object';
  const note = await resentNote(deps.db, request, lang, (g) => actLinkMailKey(act.id, party, g));
  const action = `${manageActPath(act.id)}/resend-link?lang=${lang}`;
  return html`<section id="resend-link" aria-labelledby="resend-link-title">
<h3 id="resend-link-title">${msg(lang, 'links.resendTitle')}</h3>
${note}
<p class="muted">${msg(lang, 'links.resendHint')}</p>
${parties.map(
  (p) => html`<form method="post" action="${action}">
${csrfField(page)}
<input type="hidden" name="party" value="${p === 'executive-body' ? 'executive_body' : 'object'}">
<button type="submit">${msg(lang, p === 'executive-body' ? 'links.resendExecutive' : 'links.resendObject')}</button>
</form>`,
)}
</section>`;
}

/** The requests page's note after a re-send (the request named in the query). */
export async function requestResentNote(
  db: Kysely<Database>,
  request: FastifyRequest,
  lang: PageRequest['lang'],
): Promise<Html | ''> {
  const requestId = queryString(request, 'request');
  if (!requestId) return '';
  return resentNote(db, request, lang, (g) => requestLinkMailKey(requestId, g));
}

/** One open request's "fresh link" button on the group's requests page (chair and staff). */
export function requestResendForm(page: PageRequest, r: InformationRequest): Html | '' {
  if (r.outcome !== null) return '';
  return html`<form method="post" action="${manageRequestsPath(r.groupId)}/${encodeURIComponent(r.id)}/resend-link?lang=${page.lang}">
${csrfField(page)}
<button type="submit">${msg(page.lang, 'links.resendRequest')}</button>
</form>`;
}
