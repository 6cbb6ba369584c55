// /manage/councils/:councilId/formations/new: staff start a formation (5.4) by giving the council's own formation
// date (5.4.1 counts 1 month from it). The form carries a nonce: posting it again (a reload, a double click, a retry
// after the engine was away) finds the group the first post opened instead of opening another.
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { findCouncilById } from '../../db/councils';
import { findGroupById } from '../../db/groups';
import { AppError } from '../app-error';
import type { App, AppDeps } from '../app-types';
import { requireCouncilRole } from '../auth/require-role';
import { unavailableEngine } from '../../procedures/engine';
import { toAppError } from '../error-handler';
import { ERROR_STATUS } from '../error-status';
import { msg } from '../ui/messages';
import { actorOf } from './routes';
import { groupIdForKey, startFormation } from '../../procedures/formation/start-formation';
import { procedureDeps } from '../procedure-deps';
import { errorBox } from '../ui/error-page';
import { formationPath } from './page';
import { html } from '../ui/html';
import { csrfField, layout } from '../ui/layout';
import { pageRequest, sendPage } from '../ui/respond';
import { loc } from '../../domain/i18n';
import { dmy } from '../../domain/messages';

const NONCE = /^[A-Za-z0-9_-]{8,100}$/;

/** The words for a formation that follows a group whose term ended (5.3.1, 5.4.1). */
export const NEXT_FORMATION = {
  intro: loc(
    'Мурунку топтун ыйгарым укуктарынын мөөнөтү {end} күнү бүттү (5.3.1). Жаңы түзүү ушул топтун ордуна болот жана жаңы топтун жазуусу мурункуга шилтеме берет. 5.4.1-пункт бир айды кеңеш түзүлгөн күндөн эсептейт, бирок мөөнөт чакырылыштын ортосунда бүтүшү мүмкүн: эсеп башталчу күндү жазыңыз.',
    'Срок полномочий прежней группы истёк {end} (5.3.1). Новое формирование придёт ей на смену, и запись новой группы будет ссылаться на прежнюю. Пункт 5.4.1 считает месяц от формирования кенеша, но срок может истечь в середине созыва: укажите дату, от которой считать.',
    "The previous group's term of office ended on {end} (5.3.1). The new formation follows it, and the new group's record links to the old one. 5.4.1 counts a month from the council's formation, but a term can end in the middle of a convocation: give the date the count starts from.",
  ),
  start: loc('Кийинки топту түзүүнү баштоо', 'Начать формирование следующей группы', 'Start the next formation'),
  follows: loc('Мурунку курам', 'Прежний состав', 'The previous composition'),
};

export const newFormationPath = (councilId: string) =>
  `/manage/councils/${encodeURIComponent(councilId)}/formations/new`;

export function formationStartPage(app: App, deps: AppDeps): void {
  const engine = deps.engine ?? unavailableEngine;
  const params = Type.Object({ councilId: Type.String({ minLength: 1, maxLength: 200 }) });
  const staff = requireCouncilRole(deps.db, ['staff']);

  async function show(
    request: FastifyRequest,
    reply: FastifyReply,
    councilId: string,
    status: number,
    form: { formedOn: string; nonce: string; previousGroupId: string },
    error: AppError | null,
  ): Promise<FastifyReply> {
    const page = pageRequest(request, newFormationPath(councilId));
    // 5.3.1: a formation that follows a group whose term ended; its term can end in the middle of a convocation, so
    // the page asks for the date 5.4.1 counts from instead of assuming the council's formation date.
    const previous = form.previousGroupId ? await findGroupById(deps.db, form.previousGroupId) : undefined;
    const after =
      previous && previous.council_id === councilId
        ? html`<div class="notice"><p>${NEXT_FORMATION.intro[page.lang].replace('{end}', previous.term_end ? dmy(previous.term_end) : '—')}</p></div>
<input type="hidden" name="previousGroupId" value="${previous.id}">`
        : '';
    const council = await findCouncilById(deps.db, councilId);
    const name = council ? (page.lang === 'ky' ? council.name_ky : council.name_ru) : '';
    // A failed start may have opened the group already: its page offers to start the procedure again.
    const opened = error
      ? await findGroupById(
          deps.db,
          error.code === 'conflict' && error.details.subject
            ? error.details.subject
            : groupIdForKey(councilId, form.nonce),
        )
      : undefined;
    const body = html`<p><a href="/manage?lang=${page.lang}">${msg(page.lang, 'manage.title')}</a></p>
${engine.available() ? '' : html`<div class="notice" role="status"><p>${msg(page.lang, 'engine.unavailable')}</p></div>`}
${error ? errorBox(page, error) : ''}
${opened ? html`<p class="notice">${msg(page.lang, error?.code === 'conflict' ? 'formation.start.continue' : 'formation.start.opened')} <a href="${formationPath(opened.id)}?lang=${page.lang}">${msg(page.lang, 'formation.title')}</a></p>` : ''}
<p>${msg(page.lang, 'formation.start.intro', { council: name })}</p>
<form method="post" action="${newFormationPath(councilId)}?lang=${page.lang}">
${csrfField(page)}
<input type="hidden" name="nonce" value="${form.nonce}">
${after}
<label for="formedOn">${msg(page.lang, 'formation.field.formedOn')}</label>
<span class="muted" id="formedOn-hint">${msg(page.lang, 'formation.start.formedOnHint')}</span>
<input id="formedOn" name="formedOn" type="date" required value="${form.formedOn}" aria-describedby="formedOn-hint">
<button type="submit">${msg(page.lang, 'formation.start.submit')}</button>
</form>`;
    return sendPage(reply, page, status, layout(page, msg(page.lang, 'formation.start.title'), body));
  }

  app.get(
    '/manage/councils/:councilId/formations/new',
    {
      schema: {
        hide: true,
        params,
        querystring: Type.Object({
          lang: Type.Optional(Type.String()),
          after: Type.Optional(Type.String({ maxLength: 200 })),
        }),
      },
      config: { access: ['staff'], page: true },
      preValidation: staff,
    },
    (request, reply) =>
      show(
        request,
        reply,
        request.params.councilId,
        200,
        { formedOn: '', nonce: randomUUID(), previousGroupId: request.query.after ?? '' },
        null,
      ),
  );

  app.post(
    '/manage/councils/:councilId/formations/new',
    {
      schema: {
        hide: true,
        params,
        body: Type.Object(
          {
            _csrf: Type.Optional(Type.String({ maxLength: 200 })),
            nonce: Type.String({ maxLength: 100 }),
            formedOn: Type.String({ maxLength: 10 }),
            previousGroupId: Type.Optional(Type.String({ maxLength: 200 })),
          },
          { additionalProperties: false },
        ),
      },
      config: { access: ['staff'], page: true },
      preValidation: staff,
    },
    async (request, reply) => {
      const { councilId } = request.params;
      const { formedOn, nonce } = request.body;
      const previousGroupId = request.body.previousGroupId ?? '';
      try {
        if (!NONCE.test(nonce))
          throw new AppError('invalid-input', 'nonce: not a form nonce', { field: 'nonce', rule: 'type' });
        const started = await startFormation(procedureDeps(deps), {
          councilId,
          formedOn,
          key: nonce,
          previousGroupId: previousGroupId || null,
          actor: actorOf(request),
        });
        return await reply.redirect(
          `${formationPath(started.groupId)}?lang=${pageRequest(request, '').lang}&done=started`,
          303,
        );
      } catch (error) {
        const appError = toAppError(error);
        if (!['invalid-input', 'conflict', 'engine-unavailable'].includes(appError.code)) throw error;
        return show(
          request,
          reply,
          councilId,
          ERROR_STATUS[appError.code],
          { formedOn, nonce: NONCE.test(nonce) ? nonce : randomUUID(), previousGroupId },
          appError,
        );
      }
    },
  );
}
