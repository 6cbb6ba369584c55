// The accounts API: a council's accounts (staff of the council) and the own password (any signed-in account); and
// accountsArea, which registers these routes with the accounts pages, the own-account page and the setup page.
// Who may do what: api/accounts/service.ts. Authorisation runs before the body is validated, so a caller
// without rights learns nothing about the input rules.
import type { FastifyRequest } from 'fastify';
import { listCouncilAccounts } from '../../db/accounts';
import { listGroups } from '../../db/groups';
import { AppError } from '../app-error';
import type { App, AppDeps } from '../app-types';
import { requireCouncilRole, requireSession } from '../auth/require-role';
import { accountPage } from './own-page';
import { manageAccountsPages } from './pages';
import { setupPage } from './setup-page';
import { requestLang } from '../request-lang';
import {
  JSON_FIELDS,
  OWN_PASSWORD_LIMIT,
  accountView,
  changeOwnPassword,
  councilAccount,
  createCouncilAccount,
  everyCouncil,
  removeCouncilAccount,
  sendCouncilAccountLink,
} from './service';
import {
  createAccountSchema,
  listAccountsSchema,
  ownPasswordSchema,
  passwordLinkSchema,
  removeAccountSchema,
} from './schema';
import { passwordPages } from './password-page';
import { origin } from '../ui/respond';

function signedIn(request: FastifyRequest) {
  if (!request.auth) throw new AppError('not-authenticated', 'log in first');
  return request.auth;
}

export function accountsRoutes(app: App, deps: AppDeps): void {
  const staffOfCouncil = requireCouncilRole(deps.db, ['staff']);
  const clock = deps.clock ?? Date.now;

  app.get(
    '/api/councils/:councilId/accounts',
    { schema: listAccountsSchema, config: { access: ['staff'] }, preValidation: staffOfCouncil },
    async (request) => {
      const actor = signedIn(request).account;
      const { councilId } = request.params;
      const accounts = await listCouncilAccounts(deps.db, councilId, { everyCouncil: everyCouncil(actor) });
      return { councilId, accounts: accounts.map(accountView) };
    },
  );

  app.post(
    '/api/councils/:councilId/accounts',
    { schema: createAccountSchema, config: { access: ['staff'] }, preValidation: staffOfCouncil },
    async (request, reply) => {
      const actor = signedIn(request).account;
      const { councilId } = request.params;
      const body = request.body;
      const groups = await listGroups(deps.db, councilId);
      const created = await createCouncilAccount(
        deps,
        actor,
        councilId,
        groups,
        {
          email: body.email,
          role: body.role,
          groupId: body.groupId ?? null,
          everyCouncil: body.everyCouncil ?? false,
          membershipId: body.membershipId ?? null,
        },
        requestLang(request),
        JSON_FIELDS,
        origin(request, deps.config),
        new Date(clock()),
      );
      const account = await councilAccount(deps, actor, councilId, created.id);
      return reply.status(201).send({ account: accountView(account), invitationSent: created.invitationSent });
    },
  );

  app.delete(
    '/api/councils/:councilId/accounts/:accountId',
    { schema: removeAccountSchema, config: { access: ['staff'] }, preValidation: staffOfCouncil },
    async (request, reply) => {
      const actor = signedIn(request).account;
      const { councilId, accountId } = request.params;
      await removeCouncilAccount(deps, actor, councilId, accountId, requestLang(request));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/councils/:councilId/accounts/:accountId/password-link',
    { schema: passwordLinkSchema, config: { access: ['staff'] }, preValidation: staffOfCouncil },
    async (request) => {
      const actor = signedIn(request).account;
      const { councilId, accountId } = request.params;
      const { sent } = await sendCouncilAccountLink(
        deps,
        actor,
        councilId,
        accountId,
        requestLang(request),
        origin(request, deps.config),
        new Date(clock()),
      );
      return { accountId, sent };
    },
  );

  app.post(
    '/api/account/password',
    {
      schema: ownPasswordSchema,
      preValidation: requireSession(),
      config: {
        access: ['session'],
        rateLimit: {
          max: OWN_PASSWORD_LIMIT.max,
          timeWindow: OWN_PASSWORD_LIMIT.windowMs,
          keyGenerator: (request: FastifyRequest) => `own-password|${request.auth?.account.id ?? request.ip}`,
        },
      },
    },
    async (request, reply) => {
      const auth = signedIn(request);
      await changeOwnPassword(deps, auth, request.body, JSON_FIELDS);
      return reply.status(204).send(null);
    },
  );
}

/** The whole accounts area: the API above, the council's accounts pages, /account, the first start's /setup and the password links' /password pages. */
export function accountsArea(app: App, deps: AppDeps): void {
  accountsRoutes(app, deps);
  manageAccountsPages(app, deps);
  accountPage(app, deps);
  setupPage(app, deps);
  passwordPages(app, deps);
}
