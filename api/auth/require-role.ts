// Who may see a group's data: its chair, and staff of its council (or staff of every council). 401 without a
// session, 403 for anyone else; an unknown group is a 404 only for staff of every council, else a 403 (no probing).
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import { findGroupById } from '../../db/groups';
import { AppError } from '../app-error';

export type GroupRole = 'chair' | 'staff';

/** A preHandler letting through the chair of the group in `:groupId` and staff of its council, as `roles` allow. */
export function requireRole(db: Kysely<Database>, roles: readonly GroupRole[]) {
  return async (request: FastifyRequest): Promise<void> => {
    const auth = request.auth;
    if (!auth) throw new AppError('not-authenticated', 'log in first');
    const { groupId } = request.params as { groupId: string };
    const a = auth.account;
    const group = await findGroupById(db, groupId);
    const everyCouncil = a.role === 'staff' && a.council_id === null;
    if (!group) {
      if (everyCouncil && roles.includes('staff')) throw new AppError('group-not-found', `group ${groupId} does not exist`);
      throw new AppError('forbidden', 'not allowed');
    }
    const allowed = roles.includes(a.role) && (a.role === 'chair' ? a.group_id === group.id : everyCouncil || a.council_id === group.council_id);
    if (!allowed) throw new AppError('forbidden', 'not allowed');
  };
}
