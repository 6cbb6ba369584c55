// The councils over JSON, and the councils area's registration (one call in build-app.ts registers all of it):
//   GET  /api/councils                       staff, deputy, chair, member   the councils the account may see
//   POST /api/councils                       staff of every council         register a council (Idempotency-Key)
//   GET  /api/councils/:councilId            staff, deputy of it            one council
//   GET  /api/councils/:councilId/groups     staff, deputy of it            its groups with status, dates and links
// plus the public notices (api/public/notices-api.ts) and the registration page (new-page.ts).
import { findCouncilById, type Council } from '../../db/councils';
import { listGroups, type Group } from '../../db/groups';
import { bishkekDateOf } from '../../domain/dates';
import { AppError } from '../app-error';
import type { App, AppDeps } from '../app-types';
import { requireCouncilRole, requireSession } from '../auth/require-role';
import { councilNewPage } from './new-page';
import { requestLang } from '../request-lang';
import {
  checkCouncilInput,
  executiveBodies,
  registerCouncilOnce,
  requireStaffOfEveryCouncil,
  visibleCouncils,
} from './input';
import { getCouncilSchema, listCouncilsSchema, listGroupsSchema, registerCouncilSchema } from './schema';
import { noticesApiRoutes } from '../public/notices-api';
import { councilCadenceRoutes } from './cadence';

export function councilView(council: Council, executiveBodyId: string | null) {
  const c = encodeURIComponent(council.id);
  return {
    id: council.id,
    name: { ky: council.name_ky, ru: council.name_ru },
    email: council.email,
    website: council.website,
    timeZone: council.time_zone,
    registeredAt: council.registered_at.toISOString(),
    executiveBodyId,
    links: { noticeBoard: `/councils/${c}/notices`, notices: `/api/councils/${c}/notices` },
  };
}

export function groupView(group: Group) {
  const g = encodeURIComponent(group.id);
  return {
    id: group.id,
    status: group.status,
    councilFormedOn: group.council_formed_on,
    openedAt: group.opened_at.toISOString(),
    openedOn: bishkekDateOf(group.opened_at.getTime()),
    createdOn: group.created_on,
    resolutionNumber: group.resolution_number,
    termEnd: group.term_end,
    links: {
      pages: {
        formation: `/manage/groups/${g}/formation`,
        dashboard: `/manage/groups/${g}/dashboard`,
        acts: `/manage/groups/${g}/acts`,
        composition: `/groups/${g}/composition`,
      },
      api: {
        formation: `/api/groups/${g}/formation`,
        formationRecord: `/api/groups/${g}/formation/record`,
        dashboard: `/api/groups/${g}/dashboard`,
        acts: `/api/groups/${g}/acts`,
        obligations: `/api/groups/${g}/obligations`,
        members: `/api/groups/${g}/members`,
      },
    },
  };
}

export function councilsApiRoutes(app: App, deps: AppDeps): void {
  const staffOrDeputy = requireCouncilRole(deps.db, ['staff', 'deputy']);

  app.get(
    '/api/councils',
    {
      schema: listCouncilsSchema,
      config: { access: ['staff', 'deputy', 'chair', 'member'] },
      preValidation: requireSession(),
    },
    async (request) => {
      const councils = await visibleCouncils(deps.db, request.auth!.account);
      const bodies = await executiveBodies(
        deps.db,
        councils.map((c) => c.id),
      );
      return { councils: councils.map((c) => councilView(c, bodies.get(c.id) ?? null)) };
    },
  );

  app.post(
    '/api/councils',
    {
      schema: registerCouncilSchema,
      config: { access: ['staff-of-every-council'] },
      preValidation: requireStaffOfEveryCouncil(),
    },
    async (request, reply) => {
      const checked = checkCouncilInput(request.body);
      const key = request.headers['idempotency-key'];
      const registered = await registerCouncilOnce(deps.db, checked, {
        accountId: request.auth!.account.id,
        key: typeof key === 'string' ? key : null,
        lang: requestLang(request),
      });
      return reply.status(201).send({ councilId: registered.councilId });
    },
  );

  app.get(
    '/api/councils/:councilId',
    { schema: getCouncilSchema, config: { access: ['staff', 'deputy'] }, preValidation: staffOrDeputy },
    async (request) => {
      const council = await findCouncilById(deps.db, request.params.councilId);
      if (!council)
        throw new AppError('not-found', `council ${request.params.councilId} does not exist`, {
          subject: request.params.councilId,
        });
      const bodies = await executiveBodies(deps.db, [council.id]);
      return councilView(council, bodies.get(council.id) ?? null);
    },
  );

  app.get(
    '/api/councils/:councilId/groups',
    { schema: listGroupsSchema, config: { access: ['staff', 'deputy'] }, preValidation: staffOrDeputy },
    async (request) => {
      const { councilId } = request.params;
      return { councilId, groups: (await listGroups(deps.db, councilId)).map(groupView) };
    },
  );
}

/** Everything of the councils area: the JSON routes above, the public notices' JSON and the registration page. */
export function councilsArea(app: App, deps: AppDeps): void {
  councilsApiRoutes(app, deps);
  noticesApiRoutes(app, deps);
  councilNewPage(app, deps);
  councilCadenceRoutes(app, deps);
}
