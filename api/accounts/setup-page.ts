// /setup?token= (public): the first start's one-time link. `npm start` prints it when no account exists and
// JMEG_ADMIN_EMAIL/PASSWORD are not set (cli/commands/start.ts, security/setup-token.ts). The form creates the first
// staff account, of every council, logs it in and goes to /manage. A wrong or missing token, or no setup gate in
// this process, is a 404 while no account exists; the right token once used, or any token once an account exists, is
// a 410 that says so and links to the login. The language switch keeps the token. Two posts at once
// create one account: the token is claimed synchronously, and the database creates the first account only under
// a lock while none exists (db/accounts.ts createFirstAccount), which also holds across processes.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { countAccounts, createFirstAccount } from '../../db/accounts';
import { hashPassword } from '../../security/password';
import type { SetupGate } from '../../security/setup-token';
import { AppError } from '../app-error';
import type { App, AppDeps } from '../app-types';
import { startSession } from '../auth/sign-in';
import { msg } from '../ui/messages';
import { EMAIL_MAX, PASSWORD_MAX, checkEmail, checkPassword, pageFields } from './service';
import { html } from '../ui/html';
import { layout, type PageRequest } from '../ui/layout';
import { accountsErrorBox, privatePage } from './shared';
import { pageRequest, sendPage } from '../ui/respond';

const SETUP_LIMIT = { max: 20, windowMs: 15 * 60 * 1000 };
const Query = Type.Object({
  lang: Type.Optional(Type.String({ maxLength: 10 })),
  token: Type.Optional(Type.String({ maxLength: 200 })),
});
const SetupForm = Type.Object(
  {
    token: Type.Optional(Type.String({ maxLength: 200 })),
    email: Type.Optional(Type.String({ maxLength: 1024 })),
    password: Type.Optional(Type.String({ maxLength: PASSWORD_MAX * 4 })),
    passwordAgain: Type.Optional(Type.String({ maxLength: PASSWORD_MAX * 4 })),
  },
  { additionalProperties: false },
);

type Refusal = 404 | 410;

/** Why this token cannot set up (404: not ours; 410: used, or accounts exist), or null when it can. */
async function refusal(deps: AppDeps, gate: SetupGate | null, token: unknown): Promise<Refusal | null> {
  const state = gate ? gate.check(token) : 'invalid';
  if (state === 'used') return 410;
  const accounts = await countAccounts(deps.db);
  // Once an account exists every setup link is spent, even one printed before a restart (no gate then): say so.
  if (accounts > 0) {
    gate?.consume();
    return 410;
  }
  return state === 'invalid' ? 404 : null;
}

function sendRefusal(reply: FastifyReply, page: PageRequest, status: Refusal): FastifyReply {
  const body =
    status === 404
      ? html`<p class="error" role="alert">${msg(page.lang, 'accounts.setup.invalid')}</p>`
      : html`<p class="notice" role="alert">${msg(page.lang, 'accounts.setup.used')}</p><p><a href="/login?lang=${page.lang}">${msg(page.lang, 'nav.login')}</a></p>`;
  return sendPage(privatePage(reply), page, status, layout(page, msg(page.lang, 'error.title'), body));
}

function sendForm(
  reply: FastifyReply,
  page: PageRequest,
  status: number,
  token: string,
  email: string,
  error: AppError | null,
): FastifyReply {
  const l = page.lang;
  const body = html`<p>${msg(l, 'accounts.setup.explain')}</p>
${error ? accountsErrorBox(page, error) : ''}
<form method="post" action="/setup?lang=${l}">
<input type="hidden" name="token" value="${token}">
<label for="email">${msg(l, 'accounts.email')}</label>
<input id="email" name="email" type="email" required maxlength="${EMAIL_MAX}" autocomplete="username" value="${email}">
<label for="password">${msg(l, 'accounts.password')}</label>
<input id="password" name="password" type="password" required minlength="12" maxlength="${PASSWORD_MAX}" autocomplete="new-password" aria-describedby="password-hint">
<p class="muted" id="password-hint">${msg(l, 'accounts.rule.range')}</p>
<label for="passwordAgain">${msg(l, 'accounts.passwordAgain')}</label>
<input id="passwordAgain" name="passwordAgain" type="password" required minlength="12" maxlength="${PASSWORD_MAX}" autocomplete="new-password">
<button type="submit">${msg(l, 'accounts.setup.submit')}</button>
</form>`;
  return sendPage(privatePage(reply), page, status, layout(page, msg(l, 'accounts.setup.title'), body));
}

export function setupPage(app: App, deps: AppDeps): void {
  const gate = deps.setup ?? null;
  const clock = deps.clock ?? Date.now;

  app.get(
    '/setup',
    { schema: { hide: true, querystring: Query }, config: { access: ['public'], page: true } },
    async (request, reply) => {
      const token = request.query.token ?? '';
      // The language switch keeps the token, so the link still works in the other language.
      const page = pageRequest(request, '/setup', { token });
      const refused = await refusal(deps, gate, token);
      if (refused !== null) return sendRefusal(reply, page, refused);
      return sendForm(reply, page, 200, token, '', null);
    },
  );

  app.post(
    '/setup',
    {
      schema: { hide: true, querystring: Query, body: SetupForm },
      config: {
        access: ['public'],
        page: true,
        rateLimit: {
          max: SETUP_LIMIT.max,
          timeWindow: SETUP_LIMIT.windowMs,
          keyGenerator: (request: FastifyRequest) => `setup|${request.ip}`,
        },
      },
    },
    async (request, reply) => {
      const form = request.body;
      const token = form.token ?? '';
      const page = pageRequest(request, '/setup', { token });
      const refused = await refusal(deps, gate, token);
      if (refused !== null) return sendRefusal(reply, page, refused);
      const fields = pageFields(page.lang);
      let email: string;
      let password: string;
      try {
        email = checkEmail(form.email ?? '', fields.email);
        password = checkPassword(form.password ?? '', fields.password, [email]);
        if ((form.passwordAgain ?? '') !== password)
          throw new AppError('invalid-input', 'passwords differ', { field: fields.passwordAgain, rule: 'mismatch' });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        return sendForm(reply, page, 400, token, form.email ?? '', error);
      }
      // From here this request holds the token: a concurrent post with it gets the 410.
      if (!gate?.claim(token)) return sendRefusal(reply, page, 410);
      let accountId: string | null;
      try {
        accountId = await createFirstAccount(deps.db, { email, passwordHash: await hashPassword(password) });
      } catch (error) {
        gate.release();
        throw error;
      }
      gate.consume();
      if (accountId === null) return sendRefusal(reply, page, 410);
      request.log.info({ email }, 'first staff account created through the setup link');
      await startSession(deps.db, request, reply, accountId, new Date(clock()));
      return privatePage(reply).redirect(`/manage?lang=${page.lang}`, 303);
    },
  );
}
