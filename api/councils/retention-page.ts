// /manage/councils/:councilId/retention: the council's staff (and staff of every council) set how many months after a
// group's term ends its members' and candidates' phones, e-mails and birth dates are kept (0: until the person
// asks); `jmeg person erase-expired` erases them after that. A bad number comes back as the form naming `months` (400).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { findCouncilById, setCouncilRetention } from '../../db/councils';
import { LANGS, type Localized } from '../../domain/i18n';
import { RETENTION_MONTHS_MAX } from '../../domain/retention';
import { AppError } from '../app-error';
import type { App, AppDeps } from '../app-types';
import { requireCouncilRole } from '../auth/require-role';
import { msg } from '../ui/messages';
import { actorOf } from '../acts/common';
import { Strict } from '../schemas';
import { errorBox } from '../ui/error-page';
import { html } from '../ui/html';
import { csrfField, layout } from '../ui/layout';
import { pageRequest, queryString, sendPage } from '../ui/respond';

export const retentionPath = (councilId: string) => `/manage/councils/${encodeURIComponent(councilId)}/retention`;
const Params = Strict({ councilId: Type.String({ minLength: 1, maxLength: 200 }) });
const Query = Strict({
  lang: Type.Optional(Type.String({ maxLength: 10 })),
  done: Type.Optional(Type.String({ maxLength: 20 })),
});
const Form = Strict({
  _csrf: Type.Optional(Type.String({ maxLength: 200 })),
  months: Type.Optional(Type.String({ maxLength: 20 })),
});

const monthsRefused = () =>
  new AppError('invalid-input', 'months: 0 to 600', {
    field: 'months',
    rule: 'range',
    problems: [
      {
        code: 'range',
        field: 'months',
        clause: null,
        message: Object.fromEntries(LANGS.map((l) => [l, msg(l, 'retention.problem.months')])) as Localized,
      },
    ],
  });

async function render(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: AppDeps,
  councilId: string,
  status: number,
  typed: string | null,
  error: AppError | null,
): Promise<FastifyReply> {
  const page = pageRequest(request, retentionPath(councilId));
  const lang = page.lang;
  const council = await findCouncilById(deps.db, councilId);
  if (!council) throw new AppError('not-found', `council ${councilId} does not exist`, { subject: councilId });
  const months = council.retention_months;
  const value =
    months === 0 ? msg(lang, 'retention.keep') : msg(lang, 'retention.monthsValue', { months: String(months) });
  const body = html`<p><a href="/manage?lang=${lang}">${msg(lang, 'persons.back')}</a></p>
${queryString(request, 'done') === 'saved' ? html`<p class="ok" role="status">${msg(lang, 'retention.saved')}</p>` : ''}
${error ? errorBox(page, error) : ''}
<p>${lang === 'ky' ? council.name_ky : council.name_ru}</p>
<p>${msg(lang, 'retention.intro')}</p>
<p><strong>${msg(lang, 'retention.current', { value })}</strong></p>
<form method="post" action="${retentionPath(councilId)}?lang=${lang}">
${csrfField(page)}
<label for="months">${msg(lang, 'retention.months')}</label>
<input id="months" name="months" type="number" min="0" max="${String(RETENTION_MONTHS_MAX)}" step="1" inputmode="numeric" value="${typed ?? String(months)}"${error ? html` aria-invalid="true"` : ''}>
<button type="submit">${msg(lang, 'retention.submit')}</button>
</form>`;
  return sendPage(reply, page, status, layout(page, msg(lang, 'retention.title'), body));
}

export function councilRetentionPages(app: App, deps: AppDeps): void {
  const staff = requireCouncilRole(deps.db, ['staff']);
  const config = { access: ['staff'] as const, page: true };
  app.get(
    '/manage/councils/:councilId/retention',
    { schema: { hide: true, params: Params, querystring: Query }, config, preValidation: staff },
    (request, reply) => render(request, reply, deps, request.params.councilId, 200, null, null),
  );
  app.post(
    '/manage/councils/:councilId/retention',
    { schema: { hide: true, params: Params, querystring: Query, body: Form }, config, preValidation: staff },
    async (request, reply) => {
      const { councilId } = request.params;
      const typed = (request.body.months ?? '').trim();
      const months = /^\d{1,3}$/.test(typed) ? Number(typed) : typed === '' ? 0 : NaN;
      if (!(months <= RETENTION_MONTHS_MAX))
        return render(request, reply, deps, councilId, 400, typed, monthsRefused());
      await setCouncilRetention(deps.db, councilId, months, actorOf(request));
      return reply.redirect(
        `${retentionPath(councilId)}?lang=${pageRequest(request, retentionPath(councilId)).lang}&done=saved`,
        303,
      );
    },
  );
}
