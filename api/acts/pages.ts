// The group's and the staff's pages of acts (8.1, 4.3, 7.2.4):
//   /manage/groups/:groupId/acts  the group's acts, drafts included; the chair, members or staff start a draft about one
//                                 of the council's objects
//   /manage/acts/:actId           one act: the chair, members or staff edit the draft, attach and remove annexes, see
//                                 what 8.1 still needs; the chair (or staff) issues it (which starts its procedure and
//                                 mails it); staff record a receipt or a response received on paper; the chair closes it
//                                 with a reason after an escalation; deputies read.
// Every action posts a form and comes back (303) to the act page with a confirmation; a refusal comes back as the page
// with the reason above it and what was typed kept. Reads work from Postgres when the engine is away (a banner says so).
import { actPrintHref } from './print-link';
import { considerationsPath } from '../recommendations/routes';
import { randomUUID } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { checkActForIssue, findAct, type Act } from '../../db/acts';
import type { AccountRole } from '../../db/database';
import type { Group } from '../../db/groups';
import { findObjectById, listObjects, type MonitoredObject } from '../../db/objects';
import { listResponseForwards, type ResponseForward } from '../../db/response-forwards';
import { MONITORED_OBJECT_KINDS } from '../../domain/act';
import { isIsoDate } from '../../domain/dates';
import { dmy } from '../../domain/messages';
import { AppError } from '../app-error';
import type { App, AppDeps } from '../app-types';
import { procedureDeps } from '../procedure-deps';
import { requireRole } from '../auth/require-role';
import { ERROR_STATUS } from '../error-status';
import { msg } from '../ui/messages';
import { closeAct } from '../../procedures/acts/close-act';
import { annexFile, draftAct, removeAnnexFile, updateActDraft } from '../../procedures/acts/draft-act';
import { issueAct } from '../../procedures/acts/issue-act';
import { recordReceipt } from '../../procedures/acts/record-receipt';
import { recordResponse } from '../../procedures/acts/record-response';
import {
  actorOf,
  domain,
  engineOf,
  field,
  loadAct,
  may,
  NONCE_PATTERN,
  newNonce,
  pageError,
  readMultipart,
  requireActRole,
  todayOf,
} from './common';
import { CALENDAR_GRID_STYLE, dueDateGrids } from './due-grids';
import { actProgress, type ActProgress } from '../../procedures/acts/act-progress';
import { findResponseFile, responseFilePath } from './response-files';
import { listGroupActs, manageActHref } from './view';
import { errorBox } from '../ui/error-page';
import { fieldLabel } from '../ui/field-label';
import { html, type Html } from '../ui/html';
import { csrfField, layout, scrollBox, type PageRequest } from '../ui/layout';
import { actContent, annexFiles, obligationsTable, responsesList, stepText } from './render';
import { draftFormHtml, draftFromForm, formFromAct, formFromBody, type DraftForm } from './draft-form';
import { pageRequest, queryString, sendPage } from '../ui/respond';
import { resendLinkSection } from '../links/resend-page';

const READERS: readonly AccountRole[] = ['staff', 'deputy', 'chair', 'member'];
/** 8.1, 7.2.4: the group drafts, edits and annexes its acts (chair and members; staff help). */
const DRAFTERS: readonly AccountRole[] = ['staff', 'chair', 'member'];
/** 7.2.4: the chair issues them (staff help). */
const ISSUERS: readonly AccountRole[] = ['staff', 'chair'];
const ActParams = Type.Object({ actId: Type.String({ minLength: 1, maxLength: 200 }) });
const AnnexParams = Type.Object({
  actId: Type.String({ minLength: 1, maxLength: 200 }),
  annexId: Type.String({ minLength: 1, maxLength: 200 }),
});
const GroupParams = Type.Object({ groupId: Type.String({ minLength: 1, maxLength: 200 }) });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const actPath = (actId: string) => `/manage/acts/${encodeURIComponent(actId)}`;
const groupActsPath = (groupId: string) => `/manage/groups/${encodeURIComponent(groupId)}/acts`;

// ---- the group's acts ----

async function renderGroupActs(
  deps: AppDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  groupId: string,
  status: number,
  error: AppError | null,
): Promise<FastifyReply> {
  const page = pageRequest(request, groupActsPath(groupId));
  const lang = page.lang;
  const group: Group = await deps.db
    .selectFrom('groups')
    .selectAll()
    .where('id', '=', groupId)
    .executeTakeFirstOrThrow();
  const [acts, objects] = await Promise.all([listGroupActs(deps.db, groupId), listObjects(deps.db, group.council_id)]);
  const drafter = may(request, DRAFTERS, group);
  const name = (n: { ky: string; ru: string }) => (lang === 'ru' ? n.ru : n.ky);
  const table =
    acts.length === 0
      ? html`<p>${msg(lang, 'manageActs.none')}</p>`
      : scrollBox(
          msg(lang, 'manageActs.listTitle'),
          html`<table>
<thead><tr><th scope="col">${msg(lang, 'acts.number')}</th><th scope="col">${msg(lang, 'manageActs.field.title')}</th><th scope="col">${msg(lang, 'acts.object')}</th><th scope="col">${msg(lang, 'acts.status')}</th><th scope="col">${msg(lang, 'acts.issuedOn')}</th></tr></thead>
<tbody>
${acts.map(
  (a) =>
    html`<tr><td><a href="${manageActHref(a.id, lang)}">${a.number ?? msg(lang, 'manageActs.draft')}</a></td><td>${a.title || '—'}</td><td>${name(a.objectName)}</td><td>${msg(lang, `manageActs.actStatus.${a.status as Act['status']}`)}</td><td>${a.issuedOn ? dmy(a.issuedOn) : ''}</td></tr>\n`,
)}</tbody></table>`,
        );
  const form = !drafter
    ? ''
    : objects.length === 0
      ? html`<p>${msg(lang, 'manageActs.noObjects')} <a href="/manage/councils/${encodeURIComponent(group.council_id)}/objects?lang=${lang}">${msg(lang, 'objects.title')}</a></p>`
      : html`<h2>${msg(lang, 'manageActs.newDraft')}</h2>
${error ? errorBox(page, error, { area: 'acts', names: new Map(objects.map((o) => [o.id, name(o.name)] as const)) }) : ''}
<form method="post" action="${groupActsPath(groupId)}?lang=${lang}">
${csrfField(page)}
<input type="hidden" name="draftId" value="${randomUUID()}">
<label for="objectId">${msg(lang, 'acts.object')}</label>
<select id="objectId" name="objectId" required>
${objects.map((o) => html`<option value="${o.id}">${name(o.name)} (${MONITORED_OBJECT_KINDS[o.kind][lang]})</option>`)}
</select>
<label for="title">${msg(lang, 'manageActs.field.title')}</label>
<input id="title" name="title" type="text" maxlength="500">
<button type="submit">${msg(lang, 'manageActs.create')}</button>
</form>
<p class="muted"><a href="/manage/councils/${encodeURIComponent(group.council_id)}/objects?lang=${lang}">${msg(lang, 'objects.title')}</a></p>`;
  const body = html`<p><a href="/groups/${encodeURIComponent(groupId)}/acts?lang=${lang}">${msg(lang, 'manageActs.publicList')}</a></p>
${table}
${form}`;
  return sendPage(reply, page, status, layout(page, msg(lang, 'manageActs.listTitle'), body));
}

// ---- one act ----

interface Kept {
  draft?: DraftForm;
  receivedOn?: string;
  response?: { obligationKey: string; respondedOn: string; text: string; nonce: string };
  reason?: string;
}

const DONE = [
  'drafted',
  'saved',
  'annex',
  'annex-removed',
  'issued',
  'not-delivered',
  'receipt',
  'response',
  'closed',
] as const;
type Done = (typeof DONE)[number];

async function renderAct(
  deps: AppDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  actId: string,
  status: number,
  error: AppError | null,
  kept: Kept = {},
): Promise<FastifyReply> {
  const page = pageRequest(request, actPath(actId));
  const lang = page.lang;
  const { act, group } = await loadAct(deps.db, actId);
  const object = await findObjectById(deps.db, act.objectId);
  const engine = engineOf(deps);
  const today = todayOf(deps);
  const progress = await actProgress({ db: deps.db, engine, today, log: request.log }, act, group.council_id);
  const staff = may(request, ['staff'], group);
  const chair = may(request, ['chair'], group);
  const drafter = may(request, DRAFTERS, group);
  const issuer = may(request, ISSUERS, group);
  const doneKey = queryString(request, 'done');
  const done = !error && doneKey && (DONE as readonly string[]).includes(doneKey) ? (doneKey as Done) : null;
  const action = (what: string) => `${actPath(act.id)}/${what}?lang=${lang}`;
  const multipartAction = (what: string) => `${actPath(act.id)}/${what}?lang=${lang}`;
  const notStarted = act.status === 'issued' && (progress.procedure === 'not-started' || done === 'not-delivered');

  const head = html`${scrollBox(
    msg(lang, 'manageActs.summaryTable'),
    html`<table><tbody>
<tr><th scope="row">${msg(lang, 'acts.status')}</th><td>${msg(lang, `manageActs.actStatus.${act.status}`)}${act.number ? html` · № ${act.number}` : ''}</td></tr>
<tr><th scope="row">${msg(lang, 'acts.object')}</th><td>${object ? html`${lang === 'ru' ? object.name.ru : object.name.ky} <span class="muted">(${MONITORED_OBJECT_KINDS[object.kind][lang]})</span>${staff ? html`<br><span class="muted">${object.emails.join(', ')}</span>` : ''}` : act.objectId}</td></tr>
${act.issuedOn ? html`<tr><th scope="row">${msg(lang, 'acts.issuedOn')}</th><td>${dmy(act.issuedOn)}</td></tr>` : ''}
${act.receivedOn ? html`<tr><th scope="row">${msg(lang, 'act.receivedOn')}</th><td>${dmy(act.receivedOn)} (${msg(lang, act.receivedVia === 'link' ? 'manageActs.via.link' : 'manageActs.via.staff')})</td></tr>` : ''}
</tbody></table>`,
  )}
<p><a href="${groupActsPath(act.groupId)}?lang=${lang}">${msg(lang, 'manageActs.back')}</a>${act.status !== 'draft' ? html` · <a href="/acts/${encodeURIComponent(act.id)}?lang=${lang}">${msg(lang, 'manageActs.publicPage')}</a>` : ''}${act.status !== 'draft' ? html` · <a href="${actPrintHref(act.id, lang)}">${msg(lang, 'notices.print')}</a> · <a href="${considerationsPath(act.id)}?lang=${lang}">${msg(lang, 'consideration.open')}</a>` : ''}</p>`;

  const objectNames = new Map(object ? [[object.id, lang === 'ru' ? object.name.ru : object.name.ky] as const] : []);
  const notices = html`${error ? errorBox(page, error, { area: 'acts', names: objectNames }) : ''}
${done ? html`<p class="ok" role="status">${msg(lang, `manageActs.done.${done}`)}</p>` : ''}
${!engine.available() ? html`<p class="notice" role="status">${msg(lang, 'engine.unavailable')}</p>` : ''}
${
  notStarted
    ? html`<div class="notice" role="status"><p>${msg(lang, 'manageActs.notDelivered')}</p>${issuer ? html`<form method="post" action="${action('issue')}">${csrfField(page)}<button type="submit">${msg(lang, 'manageActs.retryDelivery')}</button></form>` : ''}</div>`
    : ''
}`;

  const body =
    act.status === 'draft'
      ? draftSections(page, act, object, { drafter, issuer }, kept, action, multipartAction)
      : issuedSections(page, act, progress, { staff, chair }, kept, action, multipartAction, today, {
          forwards: await listResponseForwards(deps.db, act.id),
          executiveTrack: object !== undefined && !object.isExecutiveBody,
          grids: object ? await dueDateGrids(deps.db, lang, progress.obligations, object) : [],
        });
  const title = act.number
    ? msg(lang, 'act.title', { number: act.number })
    : msg(lang, 'manageActs.draftTitle', { title: act.title || '—' });
  return sendPage(
    reply,
    page,
    status,
    layout(
      page,
      title,
      html`${act.number && act.title ? html`<p><strong>${act.title}</strong></p>` : ''}${notices}${head}${body}${await resendLinkSection(deps, request, page, act, group)}`,
      { stylesheet: CALENDAR_GRID_STYLE },
    ),
  );
}

function draftSections(
  page: PageRequest,
  act: Act,
  object: MonitoredObject | undefined,
  who: { drafter: boolean; issuer: boolean },
  kept: Kept,
  action: (w: string) => string,
  multipartAction: (w: string) => string,
): Html {
  const lang = page.lang;
  const { missing, warnings } = checkActForIssue(act);
  const check = html`<h2>${msg(lang, 'manageActs.missingTitle')}</h2>
${missing.length === 0 ? html`<p class="ok">${msg(lang, 'manageActs.complete')}</p>` : html`<ul class="missing">${missing.map((m) => html`<li><strong>${fieldLabel(lang, m.field, { area: 'acts' })}</strong>: ${m.message[lang]}</li>`)}</ul>`}
${warnings.length > 0 ? html`<ul class="muted">${warnings.map((w) => html`<li>${w.message[lang]}</li>`)}</ul>` : ''}`;
  const content = who.drafter
    ? html`<h2>${msg(lang, 'manageActs.contentTitle')}</h2>${draftFormHtml(page, action('draft'), kept.draft ?? formFromAct(act))}`
    : html`<h2>${msg(lang, 'manageActs.contentTitle')}</h2>${actContent(lang, act, object ?? null)}`;
  const files = html`<h2>${msg(lang, 'manageActs.filesTitle')}</h2>
${annexFiles(lang, act)}
${who.drafter && act.annexes.length > 0 ? html`<ul class="actions">${act.annexes.map((a) => html`<li><form method="post" action="${action(`annexes/${encodeURIComponent(a.id)}/remove`)}">${csrfField(page)}<button type="submit" class="secondary">${msg(lang, 'manageActs.removeAnnex', { file: a.fileName })}</button></form></li>`)}</ul>` : ''}
${
  who.drafter
    ? html`<form method="post" action="${multipartAction('annexes')}" enctype="multipart/form-data">${csrfField(page)}
<label for="file">${msg(lang, 'manageActs.annexFile')}</label>
<input id="file" name="file" type="file" required accept=".pdf,.jpg,.jpeg,.png,.docx,.xlsx,.odt" aria-describedby="file-hint">
<p id="file-hint" class="muted">${msg(lang, 'manageActs.annexHint')}</p>
<button type="submit">${msg(lang, 'manageActs.attach')}</button>
</form>`
    : ''
}`;
  const issue = who.issuer
    ? html`<h2>${msg(lang, 'manageActs.issueTitle')}</h2>
<p>${msg(lang, 'manageActs.issueHint', { emails: object?.emails.join(', ') ?? '' })}</p>
<form method="post" action="${action('issue')}">${csrfField(page)}<button type="submit">${msg(lang, 'manageActs.issue')}</button></form>`
    : who.drafter
      ? html`<h2>${msg(lang, 'manageActs.issueTitle')}</h2>
<p class="muted">${msg(lang, 'manageActs.issueByChair')}</p>`
      : '';
  return html`${check}${content}${files}${issue}`;
}

/** 4.2: which working-day calendar each open count uses (the object's kind's; the executive body's with the transfers). */
function calendarsUsed(lang: PageRequest['lang'], progress: ActProgress): Html | '' {
  const counted = progress.obligations.filter((o) => o.daysLeft !== null);
  if (counted.length === 0) return '';
  return html`<ul class="muted">${counted.map((o) => html`<li>${msg(lang, 'manageActs.countedOn', { what: o.title[lang], calendar: o.calendar.name[lang] })}</li>`)}</ul>`;
}

function issuedSections(
  page: PageRequest,
  act: Act,
  progress: ActProgress,
  who: { staff: boolean; chair: boolean },
  kept: Kept,
  action: (w: string) => string,
  multipartAction: (w: string) => string,
  today: string,
  /** 4.3(3): the object's answers forwarded to the executive body (copy to the group). */
  record: { forwards: ResponseForward[]; executiveTrack?: boolean; grids?: Html[] } = { forwards: [] },
): Html {
  const lang = page.lang;
  const closed = progress.closed !== null || act.status === 'closed';
  const procedure = html`<h2>${msg(lang, 'manageActs.procedureTitle')}</h2>
<p>${msg(lang, 'manageActs.step')}: <strong>${stepText(lang, progress)}</strong>${progress.source === 'database' ? html` <span class="muted">(${msg(lang, 'manageActs.fromDatabase')})</span>` : ''}</p>
${progress.delivery ? html`<p class="muted">${msg(lang, 'manageActs.deliveredTo', { to: progress.delivery.to.join(', '), until: dmy(progress.delivery.linkExpiresAt.slice(0, 10)) })}</p>` : ''}
${progress.receipt ? html`<p>${msg(lang, 'act.receivedOn')}: ${dmy(progress.receipt.receivedOn)} (${msg(lang, progress.receipt.via === 'link' ? 'manageActs.via.link' : 'manageActs.via.staff')})</p>` : html`<p>${msg(lang, 'manageActs.noReceipt')}</p>`}
${record.executiveTrack ? html`<p>${progress.executiveReceipt ? msg(lang, 'manageActs.executiveReceivedOn', { on: dmy(progress.executiveReceipt.receivedOn), via: msg(lang, progress.executiveReceipt.via === 'link' ? 'manageActs.via.link' : 'manageActs.via.staff') }) : msg(lang, 'manageActs.executiveNoReceipt')}</p>` : ''}
<h3>${msg(lang, 'manageActs.obligationsTitle')}</h3>
${obligationsTable(lang, progress.obligations, { party: true })}
${calendarsUsed(lang, progress)}
${record.grids ?? []}
<h3>${msg(lang, 'manageActs.responsesTitle')}</h3>
${responsesList(lang, act.id, progress.responses, { text: true, fileLinks: true })}
${record.forwards.map((f) => html`<p class="muted">${msg(lang, 'manageActs.forwarded', { on: dmy(f.forwardedAt.slice(0, 10)), to: f.to.join(', ') })}</p>`)}
${progress.closed ? html`<p><strong>${msg(lang, 'manageActs.closedOn', { on: progress.closed.on ? dmy(progress.closed.on) : '—' })}</strong>${progress.closed.reason ? html`: ${progress.closed.reason}` : ''}</p>` : ''}`;

  const receipt =
    who.staff && !closed && progress.receipt === null
      ? html`<h3>${msg(lang, 'manageActs.receiptTitle')}</h3>
<form method="post" action="${action('receipt')}">
${csrfField(page)}
<label for="receivedOn">${msg(lang, 'manageActs.receivedOnField')}</label>
<input id="receivedOn" name="receivedOn" type="date" required value="${kept.receivedOn ?? today}" max="${today}">
<button type="submit">${msg(lang, 'manageActs.recordReceipt')}</button>
</form>`
      : '';
  // 4.3(4): the executive body's own receipt, recorded by staff (e.g. handed over on paper).
  const executiveReceipt =
    who.staff &&
    !closed &&
    record.executiveTrack &&
    progress.executiveReceipt === null &&
    progress.source === 'procedure'
      ? html`<h3>${msg(lang, 'manageActs.executiveReceiptTitle')}</h3>
<form method="post" action="${action('receipt')}">
${csrfField(page)}
<input type="hidden" name="party" value="executive_body">
<label for="executiveReceivedOn">${msg(lang, 'manageActs.receivedOnField')}</label>
<input id="executiveReceivedOn" name="receivedOn" type="date" required value="${today}" max="${today}">
<button type="submit">${msg(lang, 'manageActs.recordReceipt')}</button>
</form>`
      : '';
  const keys = progress.obligations.map((o) => o.key);
  const r = kept.response ?? {
    obligationKey: keys[0] ?? 'object-response',
    respondedOn: today,
    text: '',
    nonce: newNonce(),
  };
  const response =
    who.staff && !closed && progress.receipt !== null
      ? html`<h3>${msg(lang, 'manageActs.paperTitle')}</h3>
<form method="post" action="${multipartAction('responses')}" enctype="multipart/form-data">${csrfField(page)}
<input type="hidden" name="nonce" value="${r.nonce}">
<label for="obligationKey">${msg(lang, 'manageActs.obligation')}</label>
<select id="obligationKey" name="obligationKey">${(keys.length > 0
          ? keys
          : ['object-response', 'executive-report']
        ).map((k) =>
          k === r.obligationKey
            ? html`<option value="${k}" selected>${msg(lang, `manageActs.key.${k === 'executive-report' ? 'executive-report' : 'object-response'}`)}</option>`
            : html`<option value="${k}">${msg(lang, `manageActs.key.${k === 'executive-report' ? 'executive-report' : 'object-response'}`)}</option>`,
        )}</select>
<label for="respondedOn">${msg(lang, 'manageActs.respondedOnField')}</label>
<input id="respondedOn" name="respondedOn" type="date" required value="${r.respondedOn}" max="${today}">
<label for="text">${msg(lang, 'manageActs.responseText')}</label>
<textarea id="text" name="text" rows="5" required maxlength="50000">${r.text}</textarea>
<label for="file">${msg(lang, 'manageActs.responseFile')}</label>
<input id="file" name="file" type="file" accept=".pdf,.jpg,.jpeg,.png,.docx,.xlsx,.odt">
<button type="submit">${msg(lang, 'manageActs.recordResponse')}</button>
</form>`
      : '';
  const close =
    who.chair && !closed
      ? html`<h3>${msg(lang, 'manageActs.closeTitle')}</h3>
<p class="muted">${msg(lang, 'manageActs.closeHint')}</p>
<form method="post" action="${action('close')}">
${csrfField(page)}
<label for="reason">${msg(lang, 'manageActs.reason')}</label>
<textarea id="reason" name="reason" rows="3" required maxlength="5000">${kept.reason ?? ''}</textarea>
<button type="submit">${msg(lang, 'manageActs.close')}</button>
</form>`
      : '';
  const content = html`<h2>${msg(lang, 'manageActs.contentTitle')}</h2>${actContent(lang, act, null)}
<h2>${msg(lang, 'manageActs.filesTitle')}</h2>${annexFiles(lang, act)}`;
  return html`${procedure}${receipt}${executiveReceipt}${response}${close}${content}`;
}

// ---- the routes ----

/** The fields of an urlencoded form: only `names` (and `_csrf`), one value each. */
function formFields(body: unknown, names: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    if (name === '_csrf') continue;
    if (!names.includes(name))
      throw new AppError('invalid-input', `${name}: unknown field`, { field: name, rule: 'unknown-property' });
    if (typeof value !== 'string')
      throw new AppError('invalid-input', `${name}: one value`, { field: name, rule: 'type' });
    out[name] = value;
  }
  return out;
}

export function manageActsPages(app: App, deps: AppDeps): void {
  const page = (access: readonly AccountRole[]) => ({ access, page: true });
  const lang = (request: FastifyRequest) => pageRequest(request, '').lang;
  const back = (reply: FastifyReply, request: FastifyRequest, actId: string, done: Done) =>
    reply.redirect(manageActHref(actId, lang(request), `&done=${done}`), 303);

  app.get(
    '/manage/groups/:groupId/acts',
    {
      schema: { hide: true, params: GroupParams },
      config: page(READERS),
      preValidation: requireRole(deps.db, READERS),
    },
    (request, reply) => renderGroupActs(deps, request, reply, request.params.groupId, 200, null),
  );

  app.post(
    '/manage/groups/:groupId/acts',
    {
      schema: { hide: true, params: GroupParams },
      config: page(DRAFTERS),
      preValidation: requireRole(deps.db, DRAFTERS),
    },
    async (request, reply) => {
      const { groupId } = request.params;
      try {
        const f = formFields(request.body, ['objectId', 'title', 'draftId']);
        const draftId = field(f, 'draftId');
        if (!UUID.test(draftId)) throw new AppError('invalid-input', 'draftId', { field: 'draftId', rule: 'type' });
        // The form's id makes a double submit one draft: the second finds the first.
        const existing = await findAct(deps.db, draftId);
        if (existing) {
          if (existing.groupId !== groupId)
            throw new AppError('conflict', 'draft id of another group', { subject: draftId });
          return back(reply, request, existing.id, 'drafted');
        }
        const empty = {
          purpose: null,
          subject: null,
          object: null,
          place: null,
          periodStart: null,
          periodEnd: null,
          findings: null,
          recommendations: null,
          annexes: null,
        };
        const title = field(f, 'title');
        const act = await domain(() =>
          draftAct(deps, {
            id: draftId,
            groupId,
            objectId: field(f, 'objectId'),
            draft: empty,
            ...(title ? { title } : {}),
            actor: actorOf(request),
          }),
        );
        return back(reply, request, act.id, 'drafted');
      } catch (error) {
        const shown = pageError(error);
        if (!shown) throw error;
        return renderGroupActs(deps, request, reply, groupId, ERROR_STATUS[shown.code], shown);
      }
    },
  );

  app.get(
    '/manage/acts/:actId',
    {
      schema: { hide: true, params: ActParams },
      config: page(READERS),
      preValidation: requireActRole(deps.db, READERS),
    },
    (request, reply) => renderAct(deps, request, reply, request.params.actId, 200, null),
  );

  app.post(
    '/manage/acts/:actId/draft',
    {
      schema: { hide: true, params: ActParams },
      config: page(DRAFTERS),
      preValidation: requireActRole(deps.db, DRAFTERS),
    },
    async (request, reply) => {
      const { actId } = request.params;
      let form: DraftForm | undefined;
      try {
        form = formFromBody(request.body);
        const { title, draft } = draftFromForm(form);
        await domain(() => updateActDraft(deps, { actId, draft, title, actor: actorOf(request) }));
        return back(reply, request, actId, 'saved');
      } catch (error) {
        const shown = pageError(error);
        if (!shown) throw error;
        return renderAct(deps, request, reply, actId, ERROR_STATUS[shown.code], shown, form ? { draft: form } : {});
      }
    },
  );

  app.post(
    '/manage/acts/:actId/annexes',
    {
      schema: { hide: true, params: ActParams },
      config: { ...page(DRAFTERS), multipartCsrf: true },
      preValidation: requireActRole(deps.db, DRAFTERS),
    },
    async (request, reply) => {
      const { actId } = request.params;
      try {
        const { file } = await readMultipart(request, []);
        if (!file) throw new AppError('invalid-input', 'no file', { field: 'file', rule: 'required' });
        await domain(() =>
          annexFile(procedureDeps(deps), {
            actId,
            fileName: file.fileName,
            bytes: file.bytes,
            actor: actorOf(request),
          }),
        );
        return back(reply, request, actId, 'annex');
      } catch (error) {
        const shown = pageError(error);
        if (!shown) throw error;
        return renderAct(deps, request, reply, actId, ERROR_STATUS[shown.code], shown);
      }
    },
  );

  app.post(
    '/manage/acts/:actId/annexes/:annexId/remove',
    {
      schema: { hide: true, params: AnnexParams },
      config: page(DRAFTERS),
      preValidation: requireActRole(deps.db, DRAFTERS),
    },
    async (request, reply) => {
      const { actId, annexId } = request.params;
      try {
        formFields(request.body, []);
        await domain(() => removeAnnexFile(deps, { actId, annexId, actor: actorOf(request) }));
        return back(reply, request, actId, 'annex-removed');
      } catch (error) {
        const shown = pageError(error);
        if (!shown) throw error;
        return renderAct(deps, request, reply, actId, ERROR_STATUS[shown.code], shown);
      }
    },
  );

  app.post(
    '/manage/acts/:actId/issue',
    {
      schema: { hide: true, params: ActParams },
      config: page(ISSUERS),
      preValidation: requireActRole(deps.db, ISSUERS),
    },
    async (request, reply) => {
      const { actId } = request.params;
      try {
        formFields(request.body, []);
        const { act } = await loadAct(deps.db, actId);
        const { delivery } = await domain(() =>
          issueAct(procedureDeps(deps, request.log), {
            actId: act.id,
            actor: actorOf(request),
            whenEngineAway: 'refuse',
          }),
        );
        return back(reply, request, actId, delivery === 'not-started' ? 'not-delivered' : 'issued');
      } catch (error) {
        const shown = pageError(error);
        if (!shown) throw error;
        return renderAct(deps, request, reply, actId, ERROR_STATUS[shown.code], shown);
      }
    },
  );

  app.post(
    '/manage/acts/:actId/receipt',
    {
      schema: { hide: true, params: ActParams },
      config: page(['staff']),
      preValidation: requireActRole(deps.db, ['staff']),
    },
    async (request, reply) => {
      const { actId } = request.params;
      let receivedOn = '';
      try {
        const fields = formFields(request.body, ['receivedOn', 'party']);
        receivedOn = field(fields, 'receivedOn');
        if (!isIsoDate(receivedOn))
          throw new AppError('invalid-input', 'receivedOn', { field: 'receivedOn', rule: 'date' });
        const party = fields.party ?? 'object';
        if (party !== 'object' && party !== 'executive_body')
          throw new AppError('invalid-input', 'party', { field: 'party', rule: 'enum' });
        await recordReceipt(procedureDeps(deps), {
          actId,
          receivedOn,
          via: 'staff',
          party: party === 'executive_body' ? 'executive-body' : 'object',
        });
        return back(reply, request, actId, 'receipt');
      } catch (error) {
        const shown = pageError(error);
        if (!shown) throw error;
        return renderAct(deps, request, reply, actId, ERROR_STATUS[shown.code], shown, { receivedOn });
      }
    },
  );

  app.post(
    '/manage/acts/:actId/responses',
    {
      schema: { hide: true, params: ActParams },
      config: { ...page(['staff']), multipartCsrf: true },
      preValidation: requireActRole(deps.db, ['staff']),
    },
    async (request, reply) => {
      const { actId } = request.params;
      let kept: Kept['response'];
      try {
        const { fields, file } = await readMultipart(request, ['nonce', 'obligationKey', 'respondedOn', 'text']);
        kept = {
          obligationKey: field(fields, 'obligationKey'),
          respondedOn: field(fields, 'respondedOn'),
          text: fields.text ?? '',
          nonce: field(fields, 'nonce'),
        };
        if (!NONCE_PATTERN.test(kept.nonce))
          throw new AppError('invalid-input', 'nonce', { field: 'nonce', rule: 'type' });
        if (kept.obligationKey !== 'object-response' && kept.obligationKey !== 'executive-report') {
          throw new AppError('invalid-input', 'obligationKey', {
            field: 'obligationKey',
            rule: 'one-of',
            allowed: ['object-response', 'executive-report'],
          });
        }
        if (!isIsoDate(kept.respondedOn))
          throw new AppError('invalid-input', 'respondedOn', { field: 'respondedOn', rule: 'date' });
        if (kept.text.trim() === '') throw new AppError('invalid-input', 'text', { field: 'text', rule: 'required' });
        const { act } = await loadAct(deps.db, actId);
        const { obligationKey, respondedOn, text, nonce } = kept;
        await domain(() =>
          recordResponse(procedureDeps(deps), {
            actId: act.id,
            obligationKey,
            respondedOn,
            text,
            submissionKey: `staff:${nonce}`,
            file,
            uploadedBy: actorOf(request),
          }),
        );
        return back(reply, request, actId, 'response');
      } catch (error) {
        const shown = pageError(error);
        if (!shown) throw error;
        return renderAct(deps, request, reply, actId, ERROR_STATUS[shown.code], shown, kept ? { response: kept } : {});
      }
    },
  );

  app.post(
    '/manage/acts/:actId/close',
    {
      schema: { hide: true, params: ActParams },
      config: page(['chair']),
      preValidation: requireActRole(deps.db, ['chair']),
    },
    async (request, reply) => {
      const { actId } = request.params;
      let reason = '';
      try {
        reason = field(formFields(request.body, ['reason']), 'reason');
        if (reason === '') throw new AppError('invalid-input', 'reason', { field: 'reason', rule: 'required' });
        await closeAct(procedureDeps(deps), { actId, reason, on: todayOf(deps) });
        return back(reply, request, actId, 'closed');
      } catch (error) {
        const shown = pageError(error);
        if (!shown) throw error;
        return renderAct(deps, request, reply, actId, ERROR_STATUS[shown.code], shown, { reason });
      }
    },
  );

  // A response's file: for the readers of the act's page only (what an object sends is not published).
  app.get(
    '/manage/acts/:actId/response-files/:fileId',
    {
      schema: {
        hide: true,
        params: Type.Object({
          actId: Type.String({ minLength: 1, maxLength: 200 }),
          fileId: Type.String({ minLength: 1, maxLength: 200 }),
        }),
      },
      config: page(READERS),
      preValidation: requireActRole(deps.db, READERS),
    },
    async (request, reply) => {
      const { actId, fileId } = request.params;
      const file = await findResponseFile(deps.db, actId, fileId);
      const path = file ? responseFilePath(deps.config.dataDir, file.sha256) : null;
      if (!file || !path || !existsSync(path)) throw new AppError('not-found', `file ${fileId}`, { subject: fileId });
      return sendFile(reply, path, file.fileName, file.mediaType, file.sizeBytes);
    },
  );
}

/** A stored file as a download: attachment with its name, the media type recorded at upload, no sniffing. */
export function sendFile(
  reply: FastifyReply,
  path: string,
  fileName: string,
  mediaType: string,
  sizeBytes: number,
): FastifyReply {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return reply
    .header('content-type', mediaType)
    .header('content-length', String(sizeBytes))
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-cache')
    .send(createReadStream(path));
}
