// /password?token= (public): the page a password link opens, to set the account's password (invitation or reset); and
// /password/forgot, where a person asks for such a link by e-mail. The forgot answer is the same page whether or not
// the address has an account, sent before the lookup runs (the mail goes out afterwards), so neither its words nor
// its timing tell. Asking is limited like the login: 10 per address and e-mail in 15 minutes, 20 per address.
// A link that is not ours is a 404; a used or expired one is a 410 saying so, with a way to log in or ask anew.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import {
  findPasswordLink,
  passwordLinkRefusal,
  usePasswordLink,
  type PasswordLinkRefusal,
} from '../../db/password-links';
import { hashPassword } from '../../security/password';
import { AppError } from '../app-error';
import type { App, AppDeps } from '../app-types';
import { LoginThrottle } from '../auth/login-throttle';
import { html } from '../ui/html';
import { layout, type PageRequest } from '../ui/layout';
import { msg } from '../ui/messages';
import { origin, pageRequest, sendPage } from '../ui/respond';
import { hashLinkToken, mailResetIfAccount } from './password-links';
import { EMAIL_MAX, PASSWORD_MAX, checkEmail, checkPassword, pageFields } from './service';
import { accountsErrorBox, privatePage } from './shared';

const PER_ADDRESS_LIMIT = { max: 20, windowMs: 15 * 60 * 1000 };
const TOKEN_MAX = 200;
const Query = Type.Object({
  lang: Type.Optional(Type.String({ maxLength: 10 })),
  token: Type.Optional(Type.String({ maxLength: TOKEN_MAX })),
});
const SetForm = Type.Object(
  {
    token: Type.Optional(Type.String({ maxLength: TOKEN_MAX })),
    email: Type.Optional(Type.String({ maxLength: 1024 })),
    password: Type.Optional(Type.String({ maxLength: PASSWORD_MAX * 4 })),
    passwordAgain: Type.Optional(Type.String({ maxLength: PASSWORD_MAX * 4 })),
  },
  { additionalProperties: false },
);
const ForgotForm = Type.Object(
  { email: Type.Optional(Type.String({ maxLength: 1024 })) },
  { additionalProperties: false },
);
const perAddress = (name: string) => ({
  max: PER_ADDRESS_LIMIT.max,
  timeWindow: PER_ADDRESS_LIMIT.windowMs,
  keyGenerator: (request: FastifyRequest) => `${name}|${request.ip}`,
});

const REFUSAL = {
  unknown: { status: 404, key: 'accounts.link.invalid' },
  used: { status: 410, key: 'accounts.link.used' },
  expired: { status: 410, key: 'accounts.link.expired' },
} as const;

function sendRefusal(reply: FastifyReply, page: PageRequest, refusal: PasswordLinkRefusal): FastifyReply {
  const l = page.lang;
  const { status, key } = REFUSAL[refusal];
  const body = html`<p class="${refusal === 'unknown' ? 'error' : 'notice'}" role="alert">${msg(l, key)}</p>
<p><a href="/login?lang=${l}">${msg(l, 'nav.login')}</a> · <a href="/password/forgot?lang=${l}">${msg(l, 'accounts.link.askNew')}</a></p>`;
  return sendPage(privatePage(reply), page, status, layout(page, msg(l, 'accounts.link.title'), body));
}

function sendSetForm(
  reply: FastifyReply,
  page: PageRequest,
  status: number,
  token: string,
  email: string,
  error: AppError | null,
): FastifyReply {
  const l = page.lang;
  const body = html`<p>${msg(l, 'accounts.link.explain', { email })}</p>
${error ? accountsErrorBox(page, error) : ''}
<form method="post" action="/password?lang=${l}">
<input type="hidden" name="token" value="${token}">
<label for="email">${msg(l, 'accounts.email')}</label>
<input id="email" name="email" type="email" readonly autocomplete="username" value="${email}">
<label for="password">${msg(l, 'accounts.newPassword')}</label>
<input id="password" name="password" type="password" required minlength="12" maxlength="${PASSWORD_MAX}" autocomplete="new-password" aria-describedby="password-hint">
<p class="muted" id="password-hint">${msg(l, 'accounts.rule.range')} ${msg(l, 'accounts.rule.weak')}</p>
<label for="passwordAgain">${msg(l, 'accounts.passwordAgain')}</label>
<input id="passwordAgain" name="passwordAgain" type="password" required minlength="12" maxlength="${PASSWORD_MAX}" autocomplete="new-password">
<button type="submit">${msg(l, 'accounts.link.submit')}</button>
</form>`;
  return sendPage(privatePage(reply), page, status, layout(page, msg(l, 'accounts.link.title'), body));
}

function sendForgotForm(
  reply: FastifyReply,
  page: PageRequest,
  status: number,
  email: string,
  outcome: { sent: boolean; error: AppError | null },
): FastifyReply {
  const l = page.lang;
  const body = html`${outcome.sent ? html`<p class="ok" role="status">${msg(l, 'accounts.forgot.sent')}</p>` : html`<p>${msg(l, 'accounts.forgot.explain')}</p>`}
${outcome.error ? accountsErrorBox(page, outcome.error) : ''}
<form method="post" action="/password/forgot?lang=${l}">
<label for="email">${msg(l, 'accounts.email')}</label>
<input id="email" name="email" type="email" required maxlength="${EMAIL_MAX}" autocomplete="username" value="${email}">
<button type="submit">${msg(l, 'accounts.forgot.submit')}</button>
</form>
<p><a href="/login?lang=${l}">${msg(l, 'nav.login')}</a></p>`;
  return sendPage(privatePage(reply), page, status, layout(page, msg(l, 'accounts.forgot.title'), body));
}

export function passwordPages(app: App, deps: AppDeps): void {
  const clock = deps.clock ?? Date.now;
  const forgotThrottle = new LoginThrottle(clock);

  app.get(
    '/password',
    { schema: { hide: true, querystring: Query }, config: { access: ['public'], page: true } },
    async (request, reply) => {
      const token = request.query.token ?? '';
      // The language switch keeps the token.
      const page = pageRequest(request, '/password', { token });
      const link = token === '' ? undefined : await findPasswordLink(deps.db, hashLinkToken(token));
      const refused = passwordLinkRefusal(link, clock());
      if (refused !== null || !link) return sendRefusal(reply, page, refused ?? 'unknown');
      return sendSetForm(reply, page, 200, token, link.email, null);
    },
  );

  app.post(
    '/password',
    {
      schema: { hide: true, querystring: Query, body: SetForm },
      config: { access: ['public'], page: true, rateLimit: perAddress('password-link') },
    },
    async (request, reply) => {
      const form = request.body;
      const token = form.token ?? '';
      const page = pageRequest(request, '/password', { token });
      const tokenHash = hashLinkToken(token);
      const link = token === '' ? undefined : await findPasswordLink(deps.db, tokenHash);
      const refused = passwordLinkRefusal(link, clock());
      if (refused !== null || !link) return sendRefusal(reply, page, refused ?? 'unknown');
      const fields = pageFields(page.lang);
      let password: string;
      try {
        password = checkPassword(form.password ?? '', fields.newPassword, [link.email]);
        if ((form.passwordAgain ?? '') !== password)
          throw new AppError('invalid-input', 'passwords differ', { field: fields.passwordAgain, rule: 'mismatch' });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        return sendSetForm(reply, page, 400, token, link.email, error);
      }
      // The link is checked again under a row lock: of two posts at once, one sets the password.
      const result = await usePasswordLink(deps.db, tokenHash, await hashPassword(password), new Date(clock()));
      if ('refused' in result) return sendRefusal(reply, page, result.refused);
      request.log.info({ email: result.set.email }, 'password set through a password link');
      return privatePage(reply).redirect(`/login?lang=${page.lang}&done=password`, 303);
    },
  );

  app.get(
    '/password/forgot',
    { schema: { hide: true, querystring: Query }, config: { access: ['public'], page: true } },
    (request, reply) =>
      sendForgotForm(reply, pageRequest(request, '/password/forgot'), 200, '', { sent: false, error: null }),
  );

  app.post(
    '/password/forgot',
    {
      schema: { hide: true, querystring: Query, body: ForgotForm },
      config: { access: ['public'], page: true, rateLimit: perAddress('forgot-password') },
    },
    (request, reply) => {
      const page = pageRequest(request, '/password/forgot');
      const typed = request.body.email ?? '';
      let email: string;
      try {
        email = checkEmail(typed, pageFields(page.lang).email);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        return sendForgotForm(reply, page, 400, typed, { sent: false, error });
      }
      const key = LoginThrottle.key(request.ip, email);
      const wait = forgotThrottle.retryAfter(key);
      if (wait > 0)
        return sendForgotForm(reply.header('retry-after', String(wait)), page, 429, typed, {
          sent: false,
          error: new AppError('too-many-attempts', 'too many password link requests'),
        });
      // Every request counts, whether or not the address has an account.
      forgotThrottle.failed(key);
      const base = origin(request, deps.config);
      const now = new Date(clock());
      app.forgotMail.run(() => mailResetIfAccount(deps, email, page.lang, base, now));
      return sendForgotForm(reply, page, 200, '', { sent: true, error: null });
    },
  );
}
