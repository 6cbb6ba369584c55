// Which member of the group a chair's or member's account speaks for (6.3: a member declares their own conflict of
// interest; 6.4: a removed member's account is refused too). Staff of the council link it (db/account-membership.ts;
// an account nobody linked is linked on its first use when its e-mail is exactly one current member's):
//   PUT  /api/councils/:councilId/accounts/:accountId/membership   { membershipId | null }   staff of the council
//   GET  /manage/councils/:councilId/accounts/:accountId/membership  the same as a page (ky/ru/en); its form posts to
//   POST /manage/councils/:councilId/accounts/:accountId/membership
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { accountMembership, setAccountMembership } from '../../db/account-membership';
import type { Database } from '../../db/database';
import type { Kysely } from 'kysely';
import { listPublicMembers } from '../../db/members';
import { loc } from '../../domain/i18n';
import { problem } from '../../domain/problem';
import { AppError } from '../app-error';
import type { App, AppDeps } from '../app-types';
import { requireCouncilRole } from '../auth/require-role';
import { requestLang } from '../request-lang';
import { ErrorSchema, LangQuery, Nullable, Strict } from '../schemas';
import { html } from '../ui/html';
import { csrfField, layout } from '../ui/layout';
import { msg } from '../ui/messages';
import { pageRequest, sendPage } from '../ui/respond';
import { councilAccount } from './service';

const Id = Type.String({ minLength: 1, maxLength: 200 });
const Params = Strict({ councilId: Id, accountId: Id });
const enc = encodeURIComponent;
export const accountMembershipPath = (councilId: string, accountId: string) =>
  `/manage/councils/${enc(councilId)}/accounts/${enc(accountId)}/membership`;

function actorOf(request: FastifyRequest) {
  if (!request.auth) throw new AppError('not-authenticated', 'log in first');
  return request.auth.account;
}

const refusal = (field: string, rule: string, words: ReturnType<typeof loc>) =>
  new AppError('invalid-input', `${field}: ${rule}`, { field, rule, problems: [problem(rule, field, '6.3', words)] });

/** Links (or unlinks, with null) one of the council's chair or member accounts to a current member of its group. */
async function link(
  deps: AppDeps,
  request: FastifyRequest,
  membershipId: string | null,
): Promise<{ accountId: string; membershipId: string | null }> {
  const { councilId, accountId } = request.params as { councilId: string; accountId: string };
  const account = await councilAccount(deps, actorOf(request), councilId, accountId);
  if (account.role !== 'chair' && account.role !== 'member')
    throw refusal(
      'membershipId',
      'chair-or-member-only',
      loc(
        'Топтун мүчөсүнө төраганын же мүчөнүн эсеби гана байланат.',
        'К члену группы привязывается только учётная запись председателя или члена группы.',
        "Only a chair's or member's account is linked to a member of the group.",
      ),
    );
  if (membershipId !== null) {
    const member = await currentMember(deps.db, account.group_id, membershipId);
    if (!member)
      throw refusal(
        'membershipId',
        'one-of',
        loc(
          'Эсептин тобунун азыркы мүчөлөрүнүн бирин тандаңыз.',
          'Выберите одного из нынешних членов группы этой учётной записи.',
          "Choose one of the current members of the account's group.",
        ),
      );
  }
  await setAccountMembership(deps.db, account.id, membershipId);
  return { accountId: account.id, membershipId };
}

async function currentMember(db: Kysely<Database>, groupId: string | null, membershipId: string) {
  if (groupId === null) return undefined;
  return db
    .selectFrom('memberships')
    .select('id')
    .where('id', '=', membershipId)
    .where('group_id', '=', groupId)
    .where('left_on', 'is', null)
    .executeTakeFirst();
}

export function accountMembershipRoutes(app: App, deps: AppDeps): void {
  const staffOfCouncil = requireCouncilRole(deps.db, ['staff']);

  app.put(
    '/api/councils/:councilId/accounts/:accountId/membership',
    {
      schema: {
        tags: ['accounts'],
        summary:
          "Link a chair's or member's account to the member of its group it speaks for (6.3: a member declares their own conflict of interest)",
        params: Params,
        querystring: LangQuery,
        body: Strict({ membershipId: Nullable(Id) }),
        response: {
          200: Type.Object({ accountId: Type.String(), membershipId: Nullable(Type.String()) }),
          400: ErrorSchema,
          401: ErrorSchema,
          403: ErrorSchema,
          404: ErrorSchema,
        },
      },
      config: { access: ['staff'] },
      preValidation: staffOfCouncil,
    },
    (request) => link(deps, request, request.body.membershipId),
  );

  app.get(
    '/manage/councils/:councilId/accounts/:accountId/membership',
    {
      schema: { hide: true, params: Params },
      config: { access: ['staff'], page: true },
      preValidation: staffOfCouncil,
    },
    async (request, reply) => {
      const { councilId, accountId } = request.params;
      const page = pageRequest(request, accountMembershipPath(councilId, accountId));
      const l = page.lang;
      const account = await councilAccount(deps, actorOf(request), councilId, accountId);
      const members = account.group_id ? await listPublicMembers(deps.db, account.group_id) : [];
      const linked =
        account.role === 'chair' || account.role === 'member' ? await accountMembership(deps.db, account.id) : null;
      const done = (request.query as { done?: string }).done === 'saved';
      const body = html`${done ? html`<p class="notice" role="status">${msg(l, 'accountMember.saved')}</p>` : ''}
<p>${msg(l, 'accountMember.explain')}</p>
<form method="post" action="${accountMembershipPath(councilId, accountId)}?lang=${l}">
${csrfField(page)}
<label for="membershipId">${msg(l, 'accountMember.member')}</label>
<select id="membershipId" name="membershipId"><option value="">${msg(l, 'accountMember.none')}</option>${members.map(
        (m) =>
          html`<option value="${m.membershipId}"${m.membershipId === linked?.membershipId ? html` selected` : ''}>${m.fullName}</option>`,
      )}</select>
<button type="submit">${msg(l, 'accountMember.save')}</button>
</form>`;
      return sendPage(reply, page, 200, layout(page, msg(l, 'accountMember.title', { email: account.email }), body));
    },
  );

  app.post(
    '/manage/councils/:councilId/accounts/:accountId/membership',
    {
      schema: {
        hide: true,
        params: Params,
        body: Type.Object(
          {
            _csrf: Type.Optional(Type.String({ maxLength: 200 })),
            membershipId: Type.Optional(Type.String({ maxLength: 200 })),
          },
          { additionalProperties: false },
        ),
      },
      config: { access: ['staff'], page: true },
      preValidation: staffOfCouncil,
    },
    async (request, reply) => {
      const { councilId, accountId } = request.params;
      await link(deps, request, request.body.membershipId || null);
      return reply.redirect(
        `${accountMembershipPath(councilId, accountId)}?lang=${requestLang(request)}&done=saved`,
        303,
      );
    },
  );
}
