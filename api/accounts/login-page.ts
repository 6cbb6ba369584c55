// The login page (staff, chair, members, deputies), logout as a form post, and /home, which sends each account to
// its own start page. The login form carries a double-submit token (a cookie and a hidden field of the same random
// value), so a foreign site cannot log a visitor into an account of its choosing.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { deleteSession, type SessionAccount } from '../../db/accounts';
import { AppError } from '../app-error';
import type { App, AppDeps } from '../app-types';
import { LoginThrottle } from '../auth/login-throttle';
import { SESSION_COOKIE, newToken, sameToken } from '../auth/session-cookie';
import { checkCredentials, startSession } from '../auth/sign-in';
import { msg } from '../ui/messages';
import { logFailedLogin } from '../logging';
import { errorBox } from '../ui/error-page';
import { html } from '../ui/html';
import { layout, type PageRequest } from '../ui/layout';
import { pageRequest, sendPage } from '../ui/respond';
import { requestLang } from '../request-lang';

const LOGIN_CSRF_COOKIE = 'jmeg_login';

/** Where an account starts after logging in. */
export function homeOf(account: Pick<SessionAccount, 'role' | 'council_id' | 'group_id'>): string {
  if ((account.role === 'chair' || account.role === 'member') && account.group_id)
    return `/manage/groups/${encodeURIComponent(account.group_id)}/dashboard`;
  return '/manage';
}

// A path on this site: one slash, then printable ASCII without backslash. Browsers drop tabs and newlines from a URL
// and read a backslash as a slash, so "/\t/host" and "/\\host" would become "//host", another site.
const LOCAL_PATH = /^\/(?![/\\])[\x21-\x5b\x5d-\x7e]*$/;

/** Only a path on this site may follow a login (no //host, no scheme, no control or space characters): else null. */
export function safeNext(next: unknown): string | null {
  if (typeof next !== 'string' || next.length > 2048 || !LOCAL_PATH.test(next)) return null;
  const url = new URL(next, 'http://this.site');
  return url.origin === 'http://this.site' ? `${url.pathname}${url.search}${url.hash}` : null;
}

function loginForm(
  page: PageRequest,
  token: string,
  next: string | null,
  email: string,
  error: AppError | null,
  passwordSet: boolean,
) {
  const action = `/login?lang=${page.lang}${next ? `&next=${encodeURIComponent(next)}` : ''}`;
  return layout(
    page,
    msg(page.lang, 'login.title'),
    html`${passwordSet && !error ? html`<p class="ok" role="status">${msg(page.lang, 'accounts.link.passwordSet')}</p>` : ''}
${error ? errorBox(page, error) : ''}
<form method="post" action="${action}">
<input type="hidden" name="_login" value="${token}">
<label for="email">${msg(page.lang, 'login.email')}</label>
<input id="email" name="email" type="email" autocomplete="username" required maxlength="254" value="${email}">
<label for="password">${msg(page.lang, 'login.password')}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required maxlength="1024">
<button type="submit">${msg(page.lang, 'login.submit')}</button>
</form>
<p><a href="/password/forgot?lang=${page.lang}">${msg(page.lang, 'accounts.forgot.link')}</a></p>`,
  );
}

function showForm(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  email: string,
  error: AppError | null,
): FastifyReply {
  const next = safeNext((request.query as { next?: unknown }).next);
  // The language switch keeps where the visitor was going.
  const page = pageRequest(request, '/login', next ? { next } : {});
  const token = newToken();
  void reply.setCookie(LOGIN_CSRF_COOKIE, token, {
    path: '/login',
    httpOnly: true,
    sameSite: 'strict',
    secure: request.protocol === 'https',
    maxAge: 3600,
  });
  const passwordSet = (request.query as { done?: unknown }).done === 'password';
  return sendPage(reply, page, status, loginForm(page, token, next, email, error, passwordSet));
}

export function loginPages(app: App, deps: AppDeps): void {
  const clock = deps.clock ?? Date.now;
  const query = Type.Object({
    lang: Type.Optional(Type.String()),
    next: Type.Optional(Type.String({ maxLength: 2048 })),
    done: Type.Optional(Type.String({ maxLength: 20 })),
  });

  app.get(
    '/login',
    { schema: { hide: true, querystring: query }, config: { access: ['public'], page: true } },
    (request, reply) => {
      if (request.auth) return reply.redirect(safeNext(request.query.next) ?? homeOf(request.auth.account), 303);
      return showForm(request, reply, 200, '', null);
    },
  );

  app.post(
    '/login',
    {
      schema: {
        hide: true,
        querystring: query,
        body: Type.Object(
          {
            _login: Type.String({ maxLength: 200 }),
            email: Type.String({ maxLength: 254 }),
            password: Type.String({ maxLength: 1024 }),
          },
          { additionalProperties: false },
        ),
      },
      config: { access: ['public'], page: true },
    },
    async (request, reply) => {
      const { _login, email, password } = request.body;
      const cookieToken = request.cookies[LOGIN_CSRF_COOKIE];
      if (cookieToken === undefined || !sameToken(cookieToken, _login))
        return showForm(request, reply, 403, email, new AppError('csrf-token-invalid', 'login form token'));
      const key = LoginThrottle.key(request.ip, email);
      const wait = app.loginThrottle.retryAfter(key);
      if (wait > 0)
        return showForm(
          request,
          reply.header('retry-after', String(wait)),
          429,
          email,
          new AppError('too-many-attempts', 'too many failed logins'),
        );
      const account = await checkCredentials(deps.db, email, password);
      if (!account) {
        app.loginThrottle.failed(key);
        logFailedLogin(request, email, 'page');
        return showForm(request, reply, 401, email, new AppError('login-failed', 'wrong email or password'));
      }
      app.loginThrottle.succeeded(key);
      await startSession(deps.db, request, reply, account.id, new Date(clock()));
      void reply.clearCookie(LOGIN_CSRF_COOKIE, { path: '/login' });
      return reply.redirect(safeNext(request.query.next) ?? homeOf(account), 303);
    },
  );

  app.post(
    '/logout',
    { schema: { hide: true }, config: { access: ['session'], page: true } },
    async (request, reply) => {
      if (request.auth) await deleteSession(deps.db, request.auth.idHash);
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.redirect(`/login?lang=${requestLang(request)}`, 303);
    },
  );

  app.get('/home', { schema: { hide: true }, config: { access: ['session'], page: true } }, (request, reply) => {
    if (!request.auth) throw new AppError('not-authenticated', 'log in first');
    return reply.redirect(homeOf(request.auth.account), 303);
  });
}
