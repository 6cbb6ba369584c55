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

const NONCE = /^[A-Za-z0-9_-]{8,100}$/;

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
    form: { formedOn: string; nonce: string },
    error: AppError | null,
  ): Promise<FastifyReply> {
    const page = pageRequest(request, newFormationPath(councilId));
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
      schema: { hide: true, params, querystring: Type.Object({ lang: Type.Optional(Type.String()) }) },
      config: { access: ['staff'], page: true },
      preValidation: staff,
    },
    (request, reply) =>
      show(request, reply, request.params.councilId, 200, { formedOn: '', nonce: randomUUID() }, null),
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
      try {
        if (!NONCE.test(nonce))
          throw new AppError('invalid-input', 'nonce: not a form nonce', { field: 'nonce', rule: 'type' });
        const started = await startFormation(procedureDeps(deps), {
          councilId,
          formedOn,
          key: nonce,
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
          { formedOn, nonce: NONCE.test(nonce) ? nonce : randomUUID() },
          appError,
        );
      }
    },
  );
}
