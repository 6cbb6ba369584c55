// /manage/councils/:councilId/accounts (staff of the council): the council's accounts with role and group, a form
// to create one (its owner gets a mail with a link to set the password), and per account a new password link and a
// removal, each behind a confirmation page. The rules live in api/accounts/service.ts, shared with the JSON API.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { listCouncilAccounts, type ScopedAccount, type SessionAccount } from '../../db/accounts';
import { findCouncilById } from '../../db/councils';
import { listGroups, type Group } from '../../db/groups';
import { bishkekDateOf } from '../../domain/dates';
import type { Lang } from '../../domain/i18n';
import { AppError } from '../app-error';
import type { App, AppDeps } from '../app-types';
import { requireCouncilRole } from '../auth/require-role';
import { msg, type MessageKey } from '../ui/messages';
import {
  ACCOUNT_ROLES,
  EMAIL_MAX,
  councilAccount,
  createCouncilAccount,
  everyCouncil,
  groupLabel,
  pageFields,
  removeCouncilAccount,
  sendCouncilAccountLink,
} from './service';
import { html, type Html } from '../ui/html';
import { csrfField, layout, scrollBox, type PageRequest } from '../ui/layout';
import { accountsErrorBox, formRefusal, roleLabel } from './shared';
import { origin, pageRequest, sendPage } from '../ui/respond';

const Id = Type.String({ minLength: 1, maxLength: 200 });
const CouncilParams = Type.Object({ councilId: Id }, { additionalProperties: false });
const AccountParams = Type.Object({ councilId: Id, accountId: Id }, { additionalProperties: false });
const PageQuery = Type.Object({
  lang: Type.Optional(Type.String({ maxLength: 10 })),
  done: Type.Optional(Type.String({ maxLength: 20 })),
});
const CreateForm = Type.Object(
  {
    _csrf: Type.Optional(Type.String({ maxLength: 200 })),
    email: Type.Optional(Type.String({ maxLength: 1024 })),
    role: Type.Optional(Type.String({ maxLength: 20 })),
    groupId: Type.Optional(Type.String({ maxLength: 200 })),
    everyCouncil: Type.Optional(Type.String({ maxLength: 10 })),
  },
  { additionalProperties: false },
);
const ConfirmForm = Type.Object(
  { _csrf: Type.Optional(Type.String({ maxLength: 200 })) },
  { additionalProperties: false },
);

const DONE: Readonly<Record<string, MessageKey>> = {
  invited: 'accounts.done.invited',
  'invited-unsent': 'accounts.done.invitedUnsent',
  removed: 'accounts.done.removed',
  link: 'accounts.done.linkSent',
  'link-unsent': 'accounts.done.linkUnsent',
};

const enc = encodeURIComponent;
export const accountsPath = (councilId: string) => `/manage/councils/${enc(councilId)}/accounts`;
const accountPath = (councilId: string, accountId: string) => `${accountsPath(councilId)}/${enc(accountId)}`;

function actorOf(request: FastifyRequest): SessionAccount {
  if (!request.auth) throw new AppError('not-authenticated', 'log in first');
  return request.auth.account;
}

function councilName(lang: Lang, council: { name_ky: string; name_ru: string }): string {
  return lang === 'ky' ? council.name_ky : council.name_ru;
}

async function councilTitle(deps: AppDeps, lang: Lang, councilId: string): Promise<string> {
  const council = await findCouncilById(deps.db, councilId);
  if (!council) throw new AppError('not-found', `council ${councilId}`, { subject: councilId });
  return msg(lang, 'accounts.title', { council: councilName(lang, council) });
}

interface CreateValues {
  email: string;
  role: string;
  groupId: string;
  everyCouncil: boolean;
}

function accountRows(
  page: PageRequest,
  councilId: string,
  accounts: readonly ScopedAccount[],
  groups: readonly Group[],
  actor: SessionAccount,
): Html {
  if (accounts.length === 0) return html`<p>${msg(page.lang, 'accounts.empty')}</p>`;
  const groupOf = new Map(groups.map((g) => [g.id, g]));
  const q = `?lang=${page.lang}`;
  return scrollBox(
    msg(page.lang, 'accounts.list'),
    html`<table>
<thead><tr><th scope="col">${msg(page.lang, 'accounts.email')}</th><th scope="col">${msg(page.lang, 'accounts.role')}</th><th scope="col">${msg(page.lang, 'accounts.group')}</th><th scope="col">${msg(page.lang, 'accounts.createdAt')}</th><th scope="col">${msg(page.lang, 'accounts.actions')}</th></tr></thead>
<tbody>${accounts.map((a) => {
      const group = a.group_id !== null ? groupOf.get(a.group_id) : undefined;
      const where = group
        ? groupLabel(page.lang, group)
        : a.role === 'staff' && a.council_id === null
          ? msg(page.lang, 'accounts.everyCouncilStaff')
          : '—';
      const actions =
        a.id === actor.id
          ? html`${msg(page.lang, 'accounts.you')} <a href="/account${q}">${msg(page.lang, 'accounts.own.title')}</a>`
          : html`<a href="${accountPath(councilId, a.id)}/password-link${q}">${msg(page.lang, 'accounts.sendLink')}</a> · <a href="${accountPath(councilId, a.id)}/remove${q}">${msg(page.lang, 'accounts.remove')}</a>${a.role === 'chair' || a.role === 'member' ? html` · <a href="${accountPath(councilId, a.id)}/membership${q}">${msg(page.lang, 'accountMember.link')}</a>` : ''}`;
      return html`
<tr><td>${a.email}</td><td>${roleLabel(page.lang, a.role)}</td><td>${where}</td><td>${bishkekDateOf(a.created_at.getTime())}</td><td>${actions}</td></tr>`;
    })}
</tbody></table>`,
  );
}

function createForm(
  page: PageRequest,
  councilId: string,
  groups: readonly Group[],
  actor: SessionAccount,
  values: CreateValues,
): Html {
  const l = page.lang;
  return html`<form method="post" action="${accountsPath(councilId)}?lang=${l}">
${csrfField(page)}
<label for="email">${msg(l, 'accounts.email')}</label>
<input id="email" name="email" type="email" required maxlength="${EMAIL_MAX}" autocomplete="off" value="${values.email}">
<label for="role">${msg(l, 'accounts.role')}</label>
<select id="role" name="role">${ACCOUNT_ROLES.map((r) => html`<option value="${r}"${r === values.role ? html` selected` : ''}>${roleLabel(l, r)}</option>`)}</select>
<label for="groupId">${msg(l, 'accounts.group')}</label>
<select id="groupId" name="groupId" aria-describedby="groupId-hint"><option value="">${msg(l, 'accounts.noGroup')}</option>${groups.map(
    (g) => html`<option value="${g.id}"${g.id === values.groupId ? html` selected` : ''}>${groupLabel(l, g)}</option>`,
  )}</select>
<p class="muted" id="groupId-hint">${msg(l, 'accounts.groupHint')}</p>
${
  everyCouncil(actor)
    ? html`<label for="everyCouncil"><input id="everyCouncil" name="everyCouncil" type="checkbox" value="on"${values.everyCouncil ? html` checked` : ''}> ${msg(l, 'accounts.everyCouncil')}</label>
<p class="muted">${msg(l, 'accounts.everyCouncilHint')}</p>`
    : ''
}
<p class="muted">${msg(l, 'accounts.invitationHint')}</p>
<button type="submit">${msg(l, 'accounts.createSubmit')}</button>
</form>`;
}

export function manageAccountsPages(app: App, deps: AppDeps): void {
  const staffOfCouncil = requireCouncilRole(deps.db, ['staff']);
  const clock = deps.clock ?? Date.now;

  async function listPage(
    request: FastifyRequest,
    reply: FastifyReply,
    councilId: string,
    status: number,
    values: CreateValues,
    error: AppError | null,
    done: string | undefined,
  ) {
    const actor = actorOf(request);
    const page = pageRequest(request, accountsPath(councilId));
    const title = await councilTitle(deps, page.lang, councilId);
    const [accounts, groups] = await Promise.all([
      listCouncilAccounts(deps.db, councilId, { everyCouncil: everyCouncil(actor) }),
      listGroups(deps.db, councilId),
    ]);
    const doneKey = done !== undefined && Object.hasOwn(DONE, done) ? DONE[done] : undefined;
    const body = html`${doneKey ? html`<p class="ok" role="status">${msg(page.lang, doneKey)}</p>` : ''}
<h2>${msg(page.lang, 'accounts.list')}</h2>
${accountRows(page, councilId, accounts, groups, actor)}
<h2 id="new">${msg(page.lang, 'accounts.create')}</h2>
${error ? accountsErrorBox(page, error) : ''}
${createForm(page, councilId, groups, actor, values)}`;
    return sendPage(reply, page, status, layout(page, title, body));
  }

  app.get(
    '/manage/councils/:councilId/accounts',
    {
      schema: { hide: true, params: CouncilParams, querystring: PageQuery },
      config: { access: ['staff'], page: true },
      preValidation: staffOfCouncil,
    },
    (request, reply) =>
      listPage(
        request,
        reply,
        request.params.councilId,
        200,
        { email: '', role: 'member', groupId: '', everyCouncil: false },
        null,
        request.query.done,
      ),
  );

  app.post(
    '/manage/councils/:councilId/accounts',
    {
      schema: { hide: true, params: CouncilParams, querystring: PageQuery, body: CreateForm },
      config: { access: ['staff'], page: true },
      preValidation: staffOfCouncil,
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { councilId } = request.params;
      const page = pageRequest(request, accountsPath(councilId));
      const form = request.body;
      const values: CreateValues = {
        email: form.email ?? '',
        role: form.role ?? '',
        groupId: form.groupId ?? '',
        everyCouncil: form.everyCouncil === 'on',
      };
      const groups = await listGroups(deps.db, councilId);
      let created;
      try {
        created = await createCouncilAccount(
          deps,
          actor,
          councilId,
          groups,
          {
            email: values.email,
            role: values.role,
            groupId: values.groupId === '' ? null : values.groupId,
            everyCouncil: values.everyCouncil,
          },
          page.lang,
          pageFields(page.lang),
          origin(request, deps.config),
          new Date(clock()),
        );
      } catch (error) {
        const refusal = formRefusal(error);
        if (!refusal) throw error;
        return listPage(request, reply, councilId, refusal.code === 'conflict' ? 409 : 400, values, refusal, undefined);
      }
      const done = created.invitationSent ? 'invited' : 'invited-unsent';
      return reply.redirect(`${accountsPath(councilId)}?lang=${page.lang}&done=${done}`, 303);
    },
  );

  app.get(
    '/manage/councils/:councilId/accounts/:accountId/remove',
    {
      schema: { hide: true, params: AccountParams, querystring: PageQuery },
      config: { access: ['staff'], page: true },
      preValidation: staffOfCouncil,
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { councilId, accountId } = request.params;
      const page = pageRequest(request, `${accountPath(councilId, accountId)}/remove`);
      const account = await councilAccount(deps, actor, councilId, accountId);
      if (account.id === actor.id)
        throw new AppError('conflict', 'not your own account', { subject: msg(page.lang, 'accounts.notYourself') });
      const body = html`<p>${roleLabel(page.lang, account.role)}: ${account.email}</p>
<p class="notice">${msg(page.lang, 'accounts.removeExplain')}</p>
<form method="post" action="${accountPath(councilId, accountId)}/remove?lang=${page.lang}">
${csrfField(page)}
<button type="submit">${msg(page.lang, 'accounts.removeConfirm')}</button>
<a href="${accountsPath(councilId)}?lang=${page.lang}">${msg(page.lang, 'accounts.cancel')}</a>
</form>`;
      return sendPage(
        reply,
        page,
        200,
        layout(page, msg(page.lang, 'accounts.removeTitle', { email: account.email }), body),
      );
    },
  );

  app.post(
    '/manage/councils/:councilId/accounts/:accountId/remove',
    {
      schema: { hide: true, params: AccountParams, querystring: PageQuery, body: ConfirmForm },
      config: { access: ['staff'], page: true },
      preValidation: staffOfCouncil,
    },
    async (request, reply) => {
      const { councilId, accountId } = request.params;
      const page = pageRequest(request, `${accountPath(councilId, accountId)}/remove`);
      await removeCouncilAccount(deps, actorOf(request), councilId, accountId, page.lang);
      return reply.redirect(`${accountsPath(councilId)}?lang=${page.lang}&done=removed`, 303);
    },
  );

  async function linkPage(request: FastifyRequest, reply: FastifyReply, councilId: string, accountId: string) {
    const actor = actorOf(request);
    const page = pageRequest(request, `${accountPath(councilId, accountId)}/password-link`);
    const account = await councilAccount(deps, actor, councilId, accountId);
    if (account.id === actor.id)
      throw new AppError('conflict', 'own password: /account', {
        subject: msg(page.lang, 'accounts.ownPasswordElsewhere'),
      });
    const l = page.lang;
    const body = html`<p>${roleLabel(l, account.role)}: ${account.email}</p>
<p class="notice">${msg(l, 'accounts.sendLinkExplain')}</p>
<form method="post" action="${accountPath(councilId, accountId)}/password-link?lang=${l}">
${csrfField(page)}
<button type="submit">${msg(l, 'accounts.sendLink')}</button>
<a href="${accountsPath(councilId)}?lang=${l}">${msg(l, 'accounts.cancel')}</a>
</form>`;
    return sendPage(reply, page, 200, layout(page, msg(l, 'accounts.sendLinkTitle', { email: account.email }), body));
  }

  app.get(
    '/manage/councils/:councilId/accounts/:accountId/password-link',
    {
      schema: { hide: true, params: AccountParams, querystring: PageQuery },
      config: { access: ['staff'], page: true },
      preValidation: staffOfCouncil,
    },
    (request, reply) => linkPage(request, reply, request.params.councilId, request.params.accountId),
  );

  app.post(
    '/manage/councils/:councilId/accounts/:accountId/password-link',
    {
      schema: { hide: true, params: AccountParams, querystring: PageQuery, body: ConfirmForm },
      config: { access: ['staff'], page: true },
      preValidation: staffOfCouncil,
    },
    async (request, reply) => {
      const { councilId, accountId } = request.params;
      const page = pageRequest(request, `${accountPath(councilId, accountId)}/password-link`);
      const { sent } = await sendCouncilAccountLink(
        deps,
        actorOf(request),
        councilId,
        accountId,
        page.lang,
        origin(request, deps.config),
        new Date(clock()),
      );
      return reply.redirect(`${accountsPath(councilId)}?lang=${page.lang}&done=${sent ? 'link' : 'link-unsent'}`, 303);
    },
  );
}
