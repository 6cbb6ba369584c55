// GET /api/groups/:groupId/dashboard: the chair's dashboard as JSON (the same data as the page), and
// POST /api/groups/:groupId/feed-token: a new subscription link for the group's calendar feed (the old one stops
// working). Access: the dashboard for the group's chair and members and the council's staff and deputies; the feed
// token for the chair and staff only.
import { regenerateFeedToken } from '../../db/feed-tokens';
import { findGroupById } from '../../db/groups';
import { bishkekDateOf } from '../../domain/dates';
import { responseLinkSecret } from '../../security/server-secret';
import { AppError } from '../app-error';
import type { App, AppDeps } from '../app-types';
import { requireRole, signedIn } from '../auth/require-role';
import { timelineText } from './text';
import { origin } from '../ui/respond';
import { requestLang } from '../request-lang';
import { dashboardData, feedUrls } from './data';
import { dashboardSchema, feedTokenSchema } from './schema';
import { dashboardPages } from './page';

const READERS = ['chair', 'member', 'staff', 'deputy'] as const;
const MANAGERS = ['chair', 'staff'] as const;

/** The dashboard's JSON route, the feed token route, and the dashboard page with its feed form. */
export function dashboardRoutes(app: App, deps: AppDeps): void {
  const clock = deps.clock ?? Date.now;

  app.get(
    '/api/groups/:groupId/dashboard',
    { schema: dashboardSchema, config: { access: [...READERS] }, preValidation: requireRole(deps.db, READERS) },
    async (request) => {
      const { groupId } = request.params;
      const group = await findGroupById(deps.db, groupId);
      if (!group) throw new AppError('group-not-found', `group ${groupId} does not exist`);
      const lang = requestLang(request);
      const data = await dashboardData(deps.db, {
        group,
        account: signedIn(request),
        today: bishkekDateOf(clock()),
        query: { filter: request.query.filter, objectId: request.query.object },
        origin: origin(request, deps.config),
        feedSecret: () => responseLinkSecret(deps.config),
      });
      const withText = (entries: typeof data.timeline.formation) =>
        entries.map((e) => ({ ...e, text: timelineText(lang, e) }));
      return {
        ...data,
        timeline: {
          formation: withText(data.timeline.formation),
          acts: data.timeline.acts.map((a) => ({ ...a, entries: withText(a.entries) })),
          olderClosedActs: data.timeline.olderClosedActs,
        },
      };
    },
  );

  app.post(
    '/api/groups/:groupId/feed-token',
    { schema: feedTokenSchema, config: { access: [...MANAGERS] }, preValidation: requireRole(deps.db, MANAGERS) },
    async (request, reply) => {
      const { groupId } = request.params;
      const made = await regenerateFeedToken(deps.db, responseLinkSecret(deps.config), groupId, new Date(clock()));
      return reply.status(201).send({
        createdAt: made.createdAt.toISOString(),
        ...feedUrls(origin(request, deps.config), groupId, made.token),
      });
    },
  );

  dashboardPages(app, deps);
}
