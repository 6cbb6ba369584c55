// GET /api/groups/:groupId/members: the public composition, read through listPublicMembers only.
import { findGroupById } from '../../db/groups';
import { listPublicMembers } from '../../db/members';
import { AppError } from '../app-error';
import type { App, AppDeps } from '../app-types';
import { groupMembersSchema } from './members.schema';

export function groupMembersRoute(app: App, deps: AppDeps): void {
  app.get(
    '/api/groups/:groupId/members',
    { schema: groupMembersSchema, config: { access: ['public'] } },
    async (request) => {
      const { groupId } = request.params;
      if (!(await findGroupById(deps.db, groupId)))
        throw new AppError('group-not-found', `group ${groupId} does not exist`);
      return { groupId, members: await listPublicMembers(deps.db, groupId) };
    },
  );
}
