// A council's reading of 7.2.2 (how often its groups meet: "not more than once a quarter" as the Kyrgyz text says,
// the default, or "at least once", the likelier intent), as JSON and as a page:
//   GET /api/councils/:councilId/cadence-reading   staff, deputy of it   the reading now
//   PUT /api/councils/:councilId/cadence-reading   staff of it           choose one ({ reading })
//   GET|POST /manage/councils/:councilId/cadence   staff of it           the same as a page (ky/ru/en)
// The term procedure reads it through db/councils.ts councilCadenceReading; the dashboard warns by it.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { councilCadenceReading, findCouncilById, isCadenceReading, setCouncilCadenceReading } from '../../db/councils';
import { LANGS, type Localized } from '../../domain/i18n';
import { CADENCE_READINGS, DEFAULT_CADENCE_READING, type CadenceReading } from '../../domain/meeting';
import { actorOf } from '../acts/common';
import { AppError } from '../app-error';
import type { App, AppDeps } from '../app-types';
import { requireCouncilRole } from '../auth/require-role';
import { requestLang } from '../request-lang';
import { ErrorSchema, LangQuery, LocalizedSchema, Strict } from '../schemas';
import { errorBox } from '../ui/error-page';
import { html } from '../ui/html';
import { csrfField, layout } from '../ui/layout';
import { msg } from '../ui/messages';
import { pageRequest, queryString, sendPage } from '../ui/respond';
import { CouncilParams } from './schema';

export const cadencePath = (councilId: string) => `/manage/councils/${encodeURIComponent(councilId)}/cadence`;
const READINGS = Object.keys(CADENCE_READINGS) as CadenceReading[];

const ReadingSchema = Type.Enum(['at-most-once-per-quarter', 'at-least-once-per-quarter'] satisfies CadenceReading[], {
  description: `7.2.2's reading; default ${DEFAULT_CADENCE_READING} (the literal Kyrgyz text)`,
});
const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema };
const CadenceView = Type.Object({
  councilId: Type.String(),
  reading: ReadingSchema,
  text: LocalizedSchema,
  clause: Type.Literal('7.2.2'),
  changed: Type.Optional(Type.Boolean({ description: 'false when the council had this reading already' })),
});

const view = (councilId: string, reading: CadenceReading) => ({
  councilId,
  reading,
  text: CADENCE_READINGS[reading],
  clause: '7.2.2' as const,
});

async function existingCouncil(deps: AppDeps, councilId: string) {
  const council = await findCouncilById(deps.db, councilId);
  if (!council)
    throw new AppError('not-found', `council ${councilId} does not exist`, { field: 'councilId', subject: councilId });
  return council;
}

const readingRefused = () =>
  new AppError('invalid-input', `reading: one of ${READINGS.join(', ')} (7.2.2)`, {
    field: 'reading',
    rule: 'one-of',
    allowed: READINGS,
    problems: [
      {
        code: 'one-of',
        field: 'reading',
        clause: '7.2.2',
        message: Object.fromEntries(LANGS.map((l) => [l, msg(l, 'cadence.problem.reading')])) as Localized,
      },
    ],
  });

const PageQuery = Strict({
  lang: Type.Optional(Type.String({ maxLength: 10 })),
  done: Type.Optional(Type.String({ maxLength: 20 })),
});
const Form = Strict({
  _csrf: Type.Optional(Type.String({ maxLength: 200 })),
  reading: Type.Optional(Type.String({ maxLength: 60 })),
});

async function render(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: AppDeps,
  councilId: string,
  status: number,
  error: AppError | null,
): Promise<FastifyReply> {
  const page = pageRequest(request, cadencePath(councilId));
  const lang = page.lang;
  const council = await existingCouncil(deps, councilId);
  const reading = await councilCadenceReading(deps.db, councilId);
  const options = READINGS.map(
    (r) =>
      html`<p><label class="plain" for="reading-${r}"><input type="radio" id="reading-${r}" name="reading" value="${r}"${r === reading ? html` checked` : ''}> ${CADENCE_READINGS[r][lang]}</label></p>`,
  );
  const body = html`<p><a href="/manage?lang=${lang}">${msg(lang, 'cadence.back')}</a></p>
${queryString(request, 'done') === 'saved' ? html`<p class="ok" role="status">${msg(lang, 'cadence.saved')}</p>` : ''}
${error ? errorBox(page, error) : ''}
<p>${lang === 'ky' ? council.name_ky : council.name_ru}</p>
<p>${msg(lang, 'cadence.intro')}</p>
<p><strong>${msg(lang, 'cadence.current', { value: CADENCE_READINGS[reading][lang] })}</strong></p>
<form method="post" action="${cadencePath(councilId)}?lang=${lang}">
${csrfField(page)}
<fieldset><legend>${msg(lang, 'cadence.reading')}</legend>
${options}
</fieldset>
<button type="submit">${msg(lang, 'cadence.submit')}</button>
</form>`;
  return sendPage(reply, page, status, layout(page, msg(lang, 'cadence.title'), body));
}

export function councilCadenceRoutes(app: App, deps: AppDeps): void {
  const staff = requireCouncilRole(deps.db, ['staff']);
  const staffOrDeputy = requireCouncilRole(deps.db, ['staff', 'deputy']);

  app.get(
    '/api/councils/:councilId/cadence-reading',
    {
      schema: {
        tags: ['councils'],
        summary: "The council's reading of 7.2.2 (meetings per quarter)",
        params: CouncilParams,
        querystring: LangQuery,
        response: { 200: CadenceView, ...errors },
      },
      config: { access: ['staff', 'deputy'] },
      preValidation: staffOrDeputy,
    },
    async (request) => {
      const { councilId } = request.params;
      await existingCouncil(deps, councilId);
      return view(councilId, await councilCadenceReading(deps.db, councilId));
    },
  );

  app.put(
    '/api/councils/:councilId/cadence-reading',
    {
      schema: {
        tags: ['councils'],
        summary: "Choose the council's reading of 7.2.2; the dashboard's quarter warning follows it",
        params: CouncilParams,
        querystring: LangQuery,
        body: Strict({ reading: ReadingSchema }),
        response: { 200: CadenceView, ...errors },
      },
      config: { access: ['staff'] },
      preValidation: staff,
    },
    async (request) => {
      const { councilId } = request.params;
      await existingCouncil(deps, councilId);
      const { changed } = await setCouncilCadenceReading(deps.db, councilId, request.body.reading, actorOf(request));
      return { ...view(councilId, request.body.reading), changed };
    },
  );

  const config = { access: ['staff'] as const, page: true };
  app.get(
    '/manage/councils/:councilId/cadence',
    { schema: { hide: true, params: CouncilParams, querystring: PageQuery }, config, preValidation: staff },
    (request, reply) => render(request, reply, deps, request.params.councilId, 200, null),
  );
  app.post(
    '/manage/councils/:councilId/cadence',
    { schema: { hide: true, params: CouncilParams, querystring: PageQuery, body: Form }, config, preValidation: staff },
    async (request, reply) => {
      const { councilId } = request.params;
      const reading = (request.body.reading ?? '').trim();
      if (!isCadenceReading(reading)) return render(request, reply, deps, councilId, 400, readingRefused());
      await existingCouncil(deps, councilId);
      await setCouncilCadenceReading(deps.db, councilId, reading, actorOf(request));
      return reply.redirect(`${cadencePath(councilId)}?lang=${requestLang(request)}&done=saved`, 303);
    },
  );
}
