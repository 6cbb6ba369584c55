// Reading obligations (the chair's pending list is built on this).
import type { Kysely, Selectable } from 'kysely';
import type { Database, ObligationsTable } from './database';
import type { ObligationStatus } from './events';

export type Obligation = Selectable<ObligationsTable> & { reminders: string[] };

export interface ObligationFilter {
  groupId: string;
  statuses?: readonly ObligationStatus[];
  actId?: string;
}

/** A group's obligations by due date, each with the reminder rungs already sent. */
export async function listObligations(db: Kysely<Database>, filter: ObligationFilter): Promise<Obligation[]> {
  let query = db.selectFrom('obligations').selectAll().where('group_id', '=', filter.groupId);
  if (filter.statuses && filter.statuses.length > 0) query = query.where('status', 'in', filter.statuses);
  if (filter.actId !== undefined) query = query.where('act_id', '=', filter.actId);
  const rows = await query.orderBy('due_date').orderBy('id').execute();
  if (rows.length === 0) return [];
  const reminders = await db
    .selectFrom('obligation_reminders')
    .select(['obligation_id', 'rung'])
    .where(
      'obligation_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('sent_at')
    .orderBy('rung')
    .execute();
  return rows.map((r) => ({ ...r, reminders: reminders.filter((x) => x.obligation_id === r.id).map((x) => x.rung) }));
}
