// Re-sending a fresh response link (4.3, 7.3.2(1)), which revokes the party's earlier link (db/link-generations.ts),
// and the object's JSON receipt of an information request through its link. Thin adapters over
// procedures/links/resend-link.ts:
// - POST /api/acts/:actId/resend-link { party? } (staff; the group's chair): the object's link, or the executive
//   body's own for an act about another object (4.3(4));
// - POST /api/groups/:groupId/requests/:requestId/resend-link (chair, staff);
// - POST /manage/acts/:actId/resend-link and /manage/groups/:groupId/requests/:requestId/resend-link: the same from
//   the staff pages' forms (CSRF token in the form), back to the page with what was sent;
// - POST /api/requests/:requestId/respond/receipt?t=TOKEN: the object's "I have received it" as JSON (the link is the
//   credential; a second one changes nothing).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { buildTransport } from '../../activities/mail/build-transport';
import { findRequest } from '../../db/requests';
import { bishkekDateOf } from '../../domain/dates';
import type { ReceiptParty } from '../../domain/act-procedure';
import { recordRequestReceipt } from '../../procedures/requests/request-steps';
import {
  resendActLink,
  resendRequestLink,
  type ResendLinkDeps,
  type ResendLinkResult,
} from '../../procedures/links/resend-link';
import { RESPONSE_TOKEN_MESSAGES } from '../../security/response-token';
import { responseLinkSecret } from '../../security/server-secret';
import { AppError } from '../app-error';
import type { App, AppDeps } from '../app-types';
import { requireRole } from '../auth/require-role';
import { actorOf, pageError, requireActRole } from '../acts/common';
import { ERROR_STATUS } from '../error-status';
import { procedureDeps } from '../procedure-deps';
import { requestLang } from '../request-lang';
import { open as openRequestLink } from '../requests/pages';
import { ErrorSchema, InstantSchema, IsoDateSchema, LangQuery, LangSchema, Strict } from '../schemas';
import { errorBox } from '../ui/error-page';
import { html } from '../ui/html';
import { layout } from '../ui/layout';
import { msg } from '../ui/messages';
import { origin, pageRequest, sendPage } from '../ui/respond';

const Id = Type.String({ minLength: 1, maxLength: 200 });
const PartySchema = Type.Union([Type.Literal('object'), Type.Literal('executive_body')], {
  description:
    "Whose link: the object's (default) or the executive body's own for an act about another object (4.3(4))",
});
const ResendResultSchema = Type.Object({
  generation: Type.Integer({ description: 'The generation of the link now working (1 for the first re-send)' }),
  to: Type.Array(Type.String()),
  linkExpiresAt: InstantSchema,
  mail: Type.Enum(['sent', 'already-sent', 'pending'], {
    description: "'pending': the mail server refused now; the link is recorded and a re-send retries the same mail",
  }),
});
const errors = { 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 503: ErrorSchema };

const resendActSchema = {
  tags: ['staff'],
  summary:
    "Re-sends a fresh response link of the act to the object (or the executive body's own, 4.3(4)); the party's earlier link is revoked (410)",
  params: Strict({ actId: Id }),
  querystring: LangQuery,
  body: Type.Optional(Strict({ party: Type.Optional(PartySchema) })),
  response: { 200: ResendResultSchema, ...errors },
};

const resendRequestSchema = {
  tags: ['staff'],
  summary:
    "Re-sends a fresh link of the information request to its object (7.3.2(1)); the object's earlier link is revoked (410)",
  params: Strict({ groupId: Id, requestId: Id }),
  querystring: LangQuery,
  response: { 200: ResendResultSchema, ...errors },
};

const requestReceiptSchema = {
  tags: ['object'],
  summary:
    'The object confirms through its link that it received the information request: Law No. 217 counts 10 working days from that day. Opening the link records nothing; a second confirmation changes nothing',
  params: Strict({ requestId: Id }),
  querystring: Strict({ t: Type.Optional(Type.String({ maxLength: 2000 })), lang: Type.Optional(LangSchema) }),
  response: {
    200: Type.Object({ receivedOn: IsoDateSchema, via: Type.String(), recordedAt: Type.String() }),
    ...errors,
    410: ErrorSchema,
  },
};

const Form = Type.Object({
  _csrf: Type.Optional(Type.String()),
  party: Type.Optional(Type.String({ maxLength: 40 })),
});

/** The use case's deps from the app's: the link secret, the link's life and the address people reach the app at. */
function resendDeps(deps: AppDeps, request: FastifyRequest): ResendLinkDeps & { close: () => void } {
  const transport = buildTransport(deps.config);
  return {
    db: deps.db,
    now: deps.clock ?? Date.now,
    link: {
      secret: responseLinkSecret(deps.config),
      days: deps.config.responseLinkDays,
      baseUrl: origin(request, deps.config).replace(/\/+$/, ''),
    },
    transport,
    close: () => transport.close(),
  };
}

async function withResendDeps<T>(
  deps: AppDeps,
  request: FastifyRequest,
  run: (d: ResendLinkDeps) => Promise<T>,
): Promise<T> {
  const d = resendDeps(deps, request);
  try {
    return await run(d);
  } finally {
    d.close();
  }
}

const partyOf = (value: unknown): ReceiptParty => {
  if (value === undefined || value === null || value === '' || value === 'object') return 'object';
  if (value === 'executive_body' || value === 'executive-body') return 'executive-body';
  throw new AppError('invalid-input', `party ${JSON.stringify(value)}`, {
    field: 'party',
    rule: 'one-of',
    allowed: ['object', 'executive_body'],
  });
};

export const manageActPath = (actId: string) => `/manage/acts/${encodeURIComponent(actId)}`;
export const manageRequestsPath = (groupId: string) => `/manage/groups/${encodeURIComponent(groupId)}/requests`;

/** Back to the page with what was sent: the generation names the outbox's mail (resend-page.ts reads it). */
function resentQuery(result: ResendLinkResult, party: string): string {
  return `resent=${encodeURIComponent(party)}&g=${result.generation}&mail=${result.mail}`;
}

/** A refused re-send from a page form: the reasons in the user's language and the way back; nothing was written. */
function refusedPage(request: FastifyRequest, reply: FastifyReply, back: string, error: unknown): FastifyReply {
  const shown = pageError(error);
  if (!shown) throw error;
  const page = pageRequest(request, back);
  return sendPage(
    reply,
    page,
    ERROR_STATUS[shown.code],
    layout(
      page,
      msg(page.lang, 'links.resendTitle'),
      html`${errorBox(page, shown)}<p><a href="${back}?lang=${page.lang}">${msg(page.lang, 'links.back')}</a></p>`,
    ),
  );
}

export function linkRoutes(app: App, deps: AppDeps): void {
  const actRoles = ['staff', 'chair'] as const;

  app.post(
    '/api/acts/:actId/resend-link',
    { schema: resendActSchema, config: { access: actRoles }, preValidation: requireActRole(deps.db, actRoles) },
    async (request) =>
      withResendDeps(deps, request, (d) =>
        resendActLink(d, {
          actId: request.params.actId,
          party: partyOf((request.body as { party?: string } | undefined)?.party),
          actor: actorOf(request),
        }),
      ),
  );

  app.post(
    '/api/groups/:groupId/requests/:requestId/resend-link',
    {
      schema: resendRequestSchema,
      config: { access: ['chair', 'staff'] },
      preValidation: requireRole(deps.db, ['chair', 'staff']),
    },
    async (request) => {
      const { groupId, requestId } = request.params;
      const r = await findRequest(deps.db, requestId);
      if (!r || r.groupId !== groupId)
        throw new AppError('not-found', `request ${requestId}`, { field: 'requestId', subject: requestId });
      return withResendDeps(deps, request, (d) => resendRequestLink(d, { requestId, actor: actorOf(request) }));
    },
  );

  app.post(
    '/manage/acts/:actId/resend-link',
    {
      schema: { hide: true, params: Strict({ actId: Id }), body: Form },
      config: { access: actRoles, page: true },
      preValidation: requireActRole(deps.db, actRoles),
    },
    async (request, reply) => {
      const { actId } = request.params;
      const l = pageRequest(request, '').lang;
      try {
        const party = partyOf(request.body.party);
        const result = await withResendDeps(deps, request, (d) =>
          resendActLink(d, { actId, party, actor: actorOf(request) }),
        );
        return reply.redirect(`${manageActPath(actId)}?lang=${l}&${resentQuery(result, party)}#resend-link`, 303);
      } catch (error) {
        return refusedPage(request, reply, manageActPath(actId), error);
      }
    },
  );

  app.post(
    '/manage/groups/:groupId/requests/:requestId/resend-link',
    {
      schema: { hide: true, params: Strict({ groupId: Id, requestId: Id }), body: Form },
      config: { access: ['chair', 'staff'], page: true },
      preValidation: requireRole(deps.db, ['chair', 'staff']),
    },
    async (request, reply) => {
      const { groupId, requestId } = request.params;
      const l = pageRequest(request, '').lang;
      try {
        const r = await findRequest(deps.db, requestId);
        if (!r || r.groupId !== groupId)
          throw new AppError('not-found', `request ${requestId}`, { field: 'requestId', subject: requestId });
        const result = await withResendDeps(deps, request, (d) =>
          resendRequestLink(d, { requestId, actor: actorOf(request) }),
        );
        return reply.redirect(
          `${manageRequestsPath(groupId)}?lang=${l}&request=${encodeURIComponent(requestId)}&${resentQuery(result, 'object')}`,
          303,
        );
      } catch (error) {
        return refusedPage(request, reply, manageRequestsPath(groupId), error);
      }
    },
  );

  app.post(
    '/api/requests/:requestId/respond/receipt',
    { schema: requestReceiptSchema, config: { access: ['object-link'] } },
    async (request, reply) => {
      void reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
      const { requestId } = request.params;
      const opened = await openRequestLink(deps, requestId, request.query.t);
      if (!('request' in opened)) {
        if (opened.code === null) throw new AppError('not-found', `request ${requestId}`, { subject: 'request' });
        return reply.status(opened.status).send({
          error: { code: `link-${opened.code}`, message: RESPONSE_TOKEN_MESSAGES[opened.code][requestLang(request)] },
        });
      }
      return recordRequestReceipt(procedureDeps(deps, request.log), {
        requestId,
        receivedOn: bishkekDateOf((deps.clock ?? Date.now)()),
        via: 'link',
      });
    },
  );
}
