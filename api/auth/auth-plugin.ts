// Login, logout and the session: a cookie-held session loaded on every request (request.auth), CSRF checked for
// unsafe methods of cookie-authenticated requests (synchronizer token in x-csrf-token or a form's `_csrf` field), and
// a limit on failed logins (login-throttle.ts).
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import { Type } from 'typebox';
import type { FastifyRequest } from 'fastify';
import {
  countAccounts,
  createAccount,
  deleteSession,
  findSession,
  normalizeEmail,
  touchSession,
  type SessionAccount,
} from '../../db/accounts';
import { AppError } from '../app-error';
import { logFailedLogin } from '../logging';
import type { App, AppDeps } from '../app-types';
import { SESSION_COOKIE, hashSessionId, sameToken, sessionAlive } from './session-cookie';
import { LoginThrottle } from './login-throttle';
import { checkCredentials, startSession } from './sign-in';
import './form-csrf';
import { CODEC_PATHS } from '../codec/routes';
import { ForgotMail } from '../accounts/password-links';
import { isLang } from '../../domain/i18n';
import { LANG_COOKIE } from '../request-lang';

export interface RequestAuth {
  account: SessionAccount;
  idHash: string;
  csrfToken: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The logged-in account, or null. */
    auth: RequestAuth | null;
  }
  interface FastifyInstance {
    /** Failed logins per account and address, shared by /api/login and the login page. */
    loginThrottle: LoginThrottle;
    /** The "forgot password" mails, sent after their answer (api/accounts/password-links.ts); close waits for them. */
    forgotMail: ForgotMail;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The CSRF token of a request: the x-csrf-token header (API clients) or the `_csrf` field of a form body (pages). */
function csrfTokenOf(request: FastifyRequest): string | undefined {
  const header = request.headers['x-csrf-token'];
  if (typeof header === 'string') return header;
  const body = request.body as Record<string, unknown> | null | undefined;
  if (body && typeof body === 'object' && typeof body._csrf === 'string') return body._csrf;
  return undefined;
}

/** The media type of the request body, lower case, without parameters ('' without a body type). */
function mediaTypeOf(request: FastifyRequest): string {
  return (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

// Login takes JSON only (415 otherwise), which a cross-site form cannot send, so it needs no CSRF token. The login
// page's form (api/accounts/login-page.ts) has its own double-submit token. Object-link routes carry their credential
// (the signed token) in the URL, which a cross-site page cannot know.
// The password link's page carries its credential (the link's token) in the form; asking for a link changes no
// account and only mails the account's owner.
const CSRF_EXEMPT = new Set(['/api/login', '/login', '/password', '/password/forgot']);
// The Temporal Web UI's codec calls (api/codec/routes.ts): they change nothing, and the UI cannot send a token.
for (const path of CODEC_PATHS) CSRF_EXEMPT.add(path);
// The picked language is kept a year.
const LANG_COOKIE_MAX_AGE_S = 365 * 24 * 60 * 60;
// Touch last_seen_at at most once a minute.
const TOUCH_EVERY_MS = 60 * 1000;

const accountSchema = Type.Object({
  email: Type.String(),
  role: Type.Union([Type.Literal('staff'), Type.Literal('chair'), Type.Literal('member'), Type.Literal('deputy')]),
  councilId: Type.Union([Type.String(), Type.Null()]),
  groupId: Type.Union([Type.String(), Type.Null()]),
});
const sessionSchema = Type.Object({ account: accountSchema, csrfToken: Type.String() });

function sessionBody(auth: RequestAuth) {
  const a = auth.account;
  return {
    account: { email: a.email, role: a.role, councilId: a.council_id, groupId: a.group_id },
    csrfToken: auth.csrfToken,
  };
}

async function authPlugin(app: App, deps: AppDeps): Promise<void> {
  const clock = deps.clock ?? Date.now;

  // Awaited: rate-limit's onRoute hook must exist before /api/login is declared.
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    hook: 'preHandler',
    errorResponseBuilder: () => new AppError('too-many-attempts', 'too many login attempts'),
  });
  app.decorateRequest('auth', null);
  app.decorateRequest('pendingFormCsrf', null);
  app.decorate('loginThrottle', new LoginThrottle(clock));
  app.decorate('forgotMail', new ForgotMail(app.log));
  app.addHook('onClose', () => app.forgotMail.settled());

  app.addHook('onReady', async () => {
    const first = deps.config.firstAccount;
    if (first === null || (await countAccounts(deps.db)) > 0) return;
    await createAccount(deps.db, {
      email: first.email,
      password: first.password,
      role: 'staff',
      councilId: first.councilId,
    });
    app.log.info({ email: normalizeEmail(first.email) }, 'first staff account created');
  });

  // A page asked for with ?lang= remembers that language for the pages without it (api/request-lang.ts): English
  // picked on /login stays English after the login's redirect, after logout and on a setup or password link.
  app.addHook('onRequest', async (request: FastifyRequest, reply) => {
    if (request.routeOptions.config.page !== true) return;
    const lang = (request.query as Record<string, unknown> | null | undefined)?.lang;
    if (typeof lang !== 'string' || !isLang(lang) || request.cookies[LANG_COOKIE] === lang) return;
    void reply.setCookie(LANG_COOKIE, lang, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: request.protocol === 'https',
      maxAge: LANG_COOKIE_MAX_AGE_S,
    });
  });

  // preValidation: after @fastify/cookie's onRequest has parsed the cookies.
  app.addHook('preValidation', async (request: FastifyRequest) => {
    const id = request.cookies[SESSION_COOKIE];
    if (id === undefined || id === '') return;
    const now = clock();
    if (!Number.isFinite(now)) throw new Error(`clock returned ${now}`);
    const idHash = hashSessionId(id);
    const session = await findSession(deps.db, idHash);
    if (!session || !sessionAlive(session.created_at, session.last_seen_at, now)) return;
    if (now - session.last_seen_at.getTime() > TOUCH_EVERY_MS) await touchSession(deps.db, idHash, new Date(now));
    request.auth = { account: session.account, idHash, csrfToken: session.csrf_token };
    if (
      SAFE_METHODS.has(request.method) ||
      CSRF_EXEMPT.has(request.routeOptions.url ?? '') ||
      request.routeOptions.config.access?.includes('object-link')
    )
      return;
    const token = csrfTokenOf(request);
    if (token === undefined && request.routeOptions.config.multipartCsrf === true && request.isMultipart()) {
      request.pendingFormCsrf = session.csrf_token;
      return;
    }
    if (token === undefined || !sameToken(token, session.csrf_token))
      throw new AppError('csrf-token-invalid', 'x-csrf-token missing or wrong');
  });

  app.post(
    '/api/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Log in (staff, chair): sets the session cookie, returns the CSRF token',
        body: Type.Object(
          {
            email: Type.String({ minLength: 1, maxLength: 254 }),
            password: Type.String({ minLength: 1, maxLength: 1024 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: sessionSchema },
      },
      config: { access: ['public'] },
      // Before the body is validated: a form-encoded or text body is refused for its type, not for its fields.
      preValidation: (request: FastifyRequest) => {
        if (mediaTypeOf(request) !== 'application/json')
          throw new AppError('unsupported-media-type', 'application/json only', { subject: 'application/json' });
        return Promise.resolve();
      },
    },
    async (request, reply) => {
      const { email, password } = request.body;
      const key = LoginThrottle.key(request.ip, email);
      const wait = app.loginThrottle.retryAfter(key);
      if (wait > 0) {
        void reply.header('retry-after', String(wait));
        throw new AppError('too-many-attempts', 'too many failed logins');
      }
      const account = await checkCredentials(deps.db, email, password);
      if (!account) {
        app.loginThrottle.failed(key);
        logFailedLogin(request, email, 'api');
        throw new AppError('login-failed', 'wrong email or password');
      }
      app.loginThrottle.succeeded(key);
      const session = await startSession(deps.db, request, reply, account.id, new Date(clock()));
      const auth: RequestAuth = {
        account: {
          id: account.id,
          email: account.email,
          role: account.role,
          council_id: account.council_id,
          group_id: account.group_id,
        },
        ...session,
      };
      return sessionBody(auth);
    },
  );

  app.post(
    '/api/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'Log out: ends the session (needs x-csrf-token)',
        response: { 204: Type.Null() },
      },
      config: { access: ['session'] },
    },
    async (request, reply) => {
      if (!request.auth) throw new AppError('not-authenticated', 'no session');
      await deleteSession(deps.db, request.auth.idHash);
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/session',
    {
      schema: { tags: ['auth'], summary: 'The logged-in account and its CSRF token', response: { 200: sessionSchema } },
      config: { access: ['session'] },
    },
    (request) => {
      if (!request.auth) throw new AppError('not-authenticated', 'no session');
      return Promise.resolve(sessionBody(request.auth));
    },
  );
}

// Not encapsulated (what fastify-plugin does): the cookie parser, request.auth and the CSRF hook reach every route.
Object.defineProperty(authPlugin, Symbol.for('skip-override'), { value: true });

/** Registers login, logout, the session hook and the login rate limit on `app` (call after swagger). */
export function registerAuth(app: App, deps: AppDeps): void {
  void app.register(authPlugin, deps);
}
