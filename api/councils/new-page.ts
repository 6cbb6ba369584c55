// /manage/councils/new: staff of every council register a council (its names in Kyrgyz and Russian, its e-mail and
// website), the first thing to do on a fresh installation. The form carries a nonce: posting it again (a reload, a
// double click) finds the council the first post registered instead of registering another. A refused input comes
// back as the form with what was typed and the reason (400); success goes to /manage with a confirmation (303).
// Also the hints /manage shows: the link to this page, what to do first when there is no council, and, per council
// without an executive body, that it must be registered first (5.4.1's obligation is the executive body's: without
// its addresses no reminder can be sent).
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { SessionAccount } from '../../db/accounts';
import type { Council } from '../../db/councils';
import { AppError } from '../app-error';
import type { App, AppDeps } from '../app-types';
import { toAppError } from '../error-handler';
import { ERROR_STATUS } from '../error-status';
import { msg } from '../ui/messages';
import {
  checkCouncilInput,
  executiveBodies,
  isStaffOfEveryCouncil,
  registerCouncilOnce,
  requireStaffOfEveryCouncil,
  type CouncilField,
} from './input';
import { errorBox } from '../ui/error-page';
import { html, type Html } from '../ui/html';
import { csrfField, layout, type PageRequest } from '../ui/layout';
import { pageRequest, queryString, sendPage } from '../ui/respond';

export const NEW_COUNCIL_PATH = '/manage/councils/new';
const NONCE = /^[A-Za-z0-9_-]{8,100}$/;

interface Typed {
  nameKy: string;
  nameRu: string;
  email: string;
  website: string;
  nonce: string;
}

const LABEL_KEY = {
  nameKy: 'councils.field.nameKy',
  nameRu: 'councils.field.nameRu',
  email: 'councils.field.email',
  website: 'councils.field.website',
  timeZone: 'councils.field.timeZone',
} as const satisfies Record<CouncilField, string>;

function render(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  typed: Typed,
  error: AppError | null,
  badField: CouncilField | null,
): FastifyReply {
  const page = pageRequest(request, NEW_COUNCIL_PATH);
  const lang = page.lang;
  const invalid = (field: CouncilField) => (field === badField ? html` aria-invalid="true"` : '');
  const body = html`<p><a href="/manage?lang=${lang}">${msg(lang, 'councils.back')}</a></p>
${error ? errorBox(page, error, { area: 'councils' }) : ''}
<p>${msg(lang, 'councils.new.intro')}</p>
<form method="post" action="${NEW_COUNCIL_PATH}?lang=${lang}">
${csrfField(page)}
<input type="hidden" name="nonce" value="${typed.nonce}">
<label for="nameKy">${msg(lang, 'councils.field.nameKy')}</label>
<input id="nameKy" name="nameKy" type="text" lang="ky" required maxlength="200" autocomplete="organization" value="${typed.nameKy}" aria-describedby="nameKy-hint"${invalid('nameKy')}>
<span class="muted" id="nameKy-hint">${msg(lang, 'councils.field.nameKyHint')}</span>
<label for="nameRu">${msg(lang, 'councils.field.nameRu')}</label>
<input id="nameRu" name="nameRu" type="text" lang="ru" required maxlength="200" value="${typed.nameRu}" aria-describedby="nameRu-hint"${invalid('nameRu')}>
<span class="muted" id="nameRu-hint">${msg(lang, 'councils.field.nameRuHint')}</span>
<label for="email">${msg(lang, 'councils.field.email')}</label>
<input id="email" name="email" type="email" maxlength="254" autocomplete="email" value="${typed.email}" aria-describedby="email-hint"${invalid('email')}>
<span class="muted" id="email-hint">${msg(lang, 'councils.field.emailHint')}</span>
<label for="website">${msg(lang, 'councils.field.website')}</label>
<input id="website" name="website" type="text" inputmode="url" maxlength="500" autocomplete="url" value="${typed.website}" aria-describedby="website-hint"${invalid('website')}>
<span class="muted" id="website-hint">${msg(lang, 'councils.field.websiteHint')}</span>
<button type="submit">${msg(lang, 'councils.submit')}</button>
</form>
<p class="muted">${msg(lang, 'councils.new.next')}</p>`;
  return sendPage(reply, page, status, layout(page, msg(lang, 'councils.new.title'), body));
}

const FormBody = Type.Object(
  {
    _csrf: Type.Optional(Type.String({ maxLength: 200 })),
    nonce: Type.String({ maxLength: 100 }),
    nameKy: Type.String({ maxLength: 400 }),
    nameRu: Type.String({ maxLength: 400 }),
    email: Type.Optional(Type.String({ maxLength: 254 })),
    website: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

export function councilNewPage(app: App, deps: AppDeps): void {
  const everyCouncil = requireStaffOfEveryCouncil();
  const query = Type.Object({ lang: Type.Optional(Type.String()) });

  app.get(
    NEW_COUNCIL_PATH,
    {
      schema: { hide: true, querystring: query },
      config: { access: ['staff-of-every-council'], page: true },
      preValidation: everyCouncil,
    },
    (request, reply) =>
      render(request, reply, 200, { nameKy: '', nameRu: '', email: '', website: '', nonce: randomUUID() }, null, null),
  );

  app.post(
    NEW_COUNCIL_PATH,
    {
      schema: { hide: true, querystring: query, body: FormBody },
      config: { access: ['staff-of-every-council'], page: true },
      preValidation: everyCouncil,
    },
    async (request, reply) => {
      const lang = pageRequest(request, NEW_COUNCIL_PATH).lang;
      const form = request.body;
      const typed: Typed = {
        nameKy: form.nameKy,
        nameRu: form.nameRu,
        email: form.email ?? '',
        website: form.website ?? '',
        nonce: NONCE.test(form.nonce) ? form.nonce : randomUUID(),
      };
      const labels = Object.fromEntries(
        Object.entries(LABEL_KEY).map(([field, key]) => [field, msg(lang, key)]),
      ) as Record<CouncilField, string>;
      try {
        if (!NONCE.test(form.nonce))
          throw new AppError('invalid-input', 'nonce: not a form nonce', { field: 'nonce', rule: 'type' });
        const checked = checkCouncilInput(
          { nameKy: form.nameKy, nameRu: form.nameRu, email: form.email, website: form.website },
          (field) => labels[field],
        );
        const { councilId } = await registerCouncilOnce(deps.db, checked, {
          accountId: request.auth!.account.id,
          key: form.nonce,
          lang,
        });
        return await reply.redirect(`/manage?lang=${lang}&done=council&council=${encodeURIComponent(councilId)}`, 303);
      } catch (error) {
        const appError = toAppError(error);
        if (appError.code !== 'invalid-input' && appError.code !== 'conflict') throw error;
        // A reused nonce (the form was sent again with other data) gets a fresh one, so correcting and sending registers.
        if (appError.code === 'conflict') typed.nonce = randomUUID();
        const bad = (Object.keys(labels) as CouncilField[]).find((f) => labels[f] === appError.details.field) ?? null;
        return render(request, reply, ERROR_STATUS[appError.code], typed, appError, bad);
      }
    },
  );
}

// ---- what /manage shows (api/councils/manage-home.ts calls these) ----

/**
 * Above the councils on /manage: the confirmation after a registration (?done=council&council=<id>), and for staff
 * of every council the link to register one, or, when there is none yet, what to do first.
 */
export function manageCouncilsIntro(
  request: FastifyRequest,
  page: PageRequest,
  account: SessionAccount,
  councils: readonly Council[],
): Html {
  const lang = page.lang;
  const registeredId = queryString(request, 'done') === 'council' ? queryString(request, 'council') : undefined;
  const registered = councils.find((c) => c.id === registeredId);
  const confirmation = registered
    ? html`<p class="ok" role="status">${msg(lang, 'councils.manage.registered', { name: lang === 'ky' ? registered.name_ky : registered.name_ru })}</p>`
    : '';
  if (!isStaffOfEveryCouncil(account)) return html`${confirmation}`;
  const link = html`<a href="${NEW_COUNCIL_PATH}?lang=${lang}">${msg(lang, 'councils.manage.register')}</a>`;
  if (councils.length === 0)
    return html`${confirmation}<div class="notice" role="status"><p>${msg(lang, 'councils.manage.first')}</p><p>${link}</p></div>`;
  return html`${confirmation}<p>${link}</p>`;
}

/** Per council, for its staff: register the executive body first when it has none (5.4.1 has nobody to remind). */
export async function executiveBodyHint(deps: AppDeps, page: PageRequest, councilId: string): Promise<Html> {
  if ((await executiveBodies(deps.db, [councilId])).has(councilId)) return html``;
  const lang = page.lang;
  return html`<div class="notice" role="status"><p>${msg(lang, 'councils.manage.executiveMissing')} <a href="/manage/councils/${encodeURIComponent(councilId)}/objects?lang=${lang}">${msg(lang, 'councils.manage.executiveLink')}</a></p></div>`;
}
