// Who may use a route with `:reportId`: the given roles on the report's group (staff of its council); an unknown report
// is a 403, as an unknown group is.
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import { findGroupById } from '../../db/groups';
import { AppError } from '../app-error';
import { mayAccessGroup, signedIn } from '../auth/require-role';

export function requireReportRole(db: Kysely<Database>, roles: readonly ('staff' | 'deputy' | 'chair' | 'member')[]) {
  return async (request: FastifyRequest): Promise<void> => {
    const a = signedIn(request);
    const { reportId } = request.params as { reportId: string };
    const report = await db
      .selectFrom('summary_reports')
      .select('group_id')
      .where('id', '=', reportId)
      .executeTakeFirst();
    const group = report ? await findGroupById(db, report.group_id) : undefined;
    if (!group || !mayAccessGroup(a, roles, group)) throw new AppError('forbidden', 'not allowed');
  };
}
