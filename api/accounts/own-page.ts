// /account (any signed-in account): who you are, and a form to change your own password (the current one first;
// every other session of the account ends, this one stays). Staff get a link to their council's accounts page.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../app-error';
import type { App, AppDeps } from '../app-types';
import { requireSession } from '../auth/require-role';
import { msg } from '../ui/messages';
import { OWN_PASSWORD_LIMIT, PASSWORD_MAX, changeOwnPassword, pageFields } from './service';
import { html } from '../ui/html';
import { csrfField, layout } from '../ui/layout';
import { accountsErrorBox, formRefusal, roleLabel } from './shared';
import { pageRequest, sendPage } from '../ui/respond';

const PageQuery = Type.Object({
  lang: Type.Optional(Type.String({ maxLength: 10 })),
  done: Type.Optional(Type.String({ maxLength: 20 })),
});
const PasswordForm = Type.Object(
  {
    _csrf: Type.Optional(Type.String({ maxLength: 200 })),
    currentPassword: Type.Optional(Type.String({ maxLength: PASSWORD_MAX * 4 })),
    newPassword: Type.Optional(Type.String({ maxLength: PASSWORD_MAX * 4 })),
    newPasswordAgain: Type.Optional(Type.String({ maxLength: PASSWORD_MAX * 4 })),
  },
  { additionalProperties: false },
);

function authOf(request: FastifyRequest) {
  if (!request.auth) throw new AppError('not-authenticated', 'log in first');
  return request.auth;
}

export function accountPage(app: App, deps: AppDeps): void {
  function show(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    error: AppError | null,
    done: boolean,
  ): FastifyReply {
    const { account } = authOf(request);
    const page = pageRequest(request, '/account');
    const l = page.lang;
    const manage =
      account.role === 'staff' && account.council_id !== null
        ? html`<p><a href="/manage/councils/${encodeURIComponent(account.council_id)}/accounts?lang=${l}">${msg(l, 'accounts.own.manage')}</a></p>`
        : '';
    // A chair's or member's own meetings (7.2): the group's meetings page.
    const meetings = account.group_id
      ? html`<p><a href="/manage/groups/${encodeURIComponent(account.group_id)}/meetings?lang=${l}">${msg(l, 'meetings.mine')}</a></p>`
      : '';
    const body = html`${done ? html`<p class="ok" role="status">${msg(l, 'accounts.own.done')}</p>` : ''}
<p>${msg(l, 'accounts.email')}: ${account.email}<br>${msg(l, 'accounts.role')}: ${roleLabel(l, account.role)}</p>
${manage}
${meetings}
<h2>${msg(l, 'accounts.own.change')}</h2>
<p class="muted">${msg(l, 'accounts.own.explain')}</p>
${error ? accountsErrorBox(page, error) : ''}
<form method="post" action="/account/password?lang=${l}">
${csrfField(page)}
<input type="hidden" value="${account.email}" autocomplete="username">
<label for="currentPassword">${msg(l, 'accounts.currentPassword')}</label>
<input id="currentPassword" name="currentPassword" type="password" required autocomplete="current-password" maxlength="${PASSWORD_MAX}">
<label for="newPassword">${msg(l, 'accounts.newPassword')}</label>
<input id="newPassword" name="newPassword" type="password" required minlength="12" autocomplete="new-password" maxlength="${PASSWORD_MAX}" aria-describedby="newPassword-hint">
<p class="muted" id="newPassword-hint">${msg(l, 'accounts.rule.range')}</p>
<label for="newPasswordAgain">${msg(l, 'accounts.passwordAgain')}</label>
<input id="newPasswordAgain" name="newPasswordAgain" type="password" required minlength="12" autocomplete="new-password" maxlength="${PASSWORD_MAX}">
<button type="submit">${msg(l, 'accounts.own.submit')}</button>
</form>`;
    return sendPage(reply, page, status, layout(page, msg(l, 'accounts.own.title'), body));
  }

  app.get(
    '/account',
    {
      schema: { hide: true, querystring: PageQuery },
      config: { access: ['session'], page: true },
      preValidation: requireSession(),
    },
    (request, reply) => show(request, reply, 200, null, request.query.done === 'password'),
  );

  app.post(
    '/account/password',
    {
      schema: { hide: true, querystring: PageQuery, body: PasswordForm },
      preValidation: requireSession(),
      config: {
        access: ['session'],
        page: true,
        rateLimit: {
          max: OWN_PASSWORD_LIMIT.max,
          timeWindow: OWN_PASSWORD_LIMIT.windowMs,
          keyGenerator: (request: FastifyRequest) => `own-password|${request.auth?.account.id ?? request.ip}`,
        },
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const lang = pageRequest(request, '/account').lang;
      const form = request.body;
      try {
        await changeOwnPassword(
          deps,
          auth,
          {
            currentPassword: form.currentPassword ?? '',
            newPassword: form.newPassword ?? '',
            newPasswordAgain: form.newPasswordAgain ?? '',
          },
          pageFields(lang),
        );
      } catch (error) {
        const refusal = formRefusal(error);
        if (!refusal) throw error;
        return show(request, reply, 400, refusal, false);
      }
      return reply.redirect(`/account?lang=${lang}&done=password`, 303);
    },
  );
}
