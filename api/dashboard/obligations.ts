// GET /api/groups/:groupId/obligations: the chair's pending list (issue 5's tracking).
// Chair of this group and staff of its council only (api/auth/require-role.ts).
import { findGroupById } from '../../db/groups';
import { calendarForCouncil, pendingObligations } from '../../db/pending';
import { bishkekDateOf } from '../../domain/dates';
import { AppError } from '../app-error';
import { requireRole } from '../auth/require-role';
import type { App, AppDeps } from '../app-types';
import { groupObligationsSchema } from './obligations.schema';

export function groupObligationsRoute(app: App, deps: AppDeps): void {
  const clock = deps.clock ?? Date.now;
  app.get(
    '/api/groups/:groupId/obligations',
    {
      schema: groupObligationsSchema,
      config: { access: ['chair', 'staff', 'member', 'deputy'] },
      preValidation: requireRole(deps.db, ['chair', 'staff', 'member', 'deputy']),
    },
    async (request) => {
      const { groupId } = request.params;
      const group = await findGroupById(deps.db, groupId);
      if (!group) throw new AppError('group-not-found', `group ${groupId} does not exist`);
      const today = bishkekDateOf(clock());
      const calendar = await calendarForCouncil(deps.db, group.council_id);
      const { filter } = request.query;
      const obligations = await pendingObligations(deps.db, {
        groupId,
        today,
        calendar,
        ...(filter !== undefined ? { filter } : {}),
      });
      return { groupId, today, obligations };
    },
  );
}
