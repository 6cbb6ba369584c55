// Rebuilding the projections from the log: truncate them, replay every event in global order.
import { sql, type Kysely } from 'kysely';
import type { Database } from './database';
import { readAll } from './event-store';
import { project, projectionTables } from './projections';

export interface RebuildResult {
  events: number;
  tables: readonly string[];
}

/**
 * Truncates the projection tables (never the events) and replays the whole log, in one transaction:
 * readers see the old projections until it commits, and writers wait (the log is locked in share mode).
 */
export function rebuildProjections(
  db: Kysely<Database>,
  options: { batchSize?: number; onProgress?: (replayed: number) => void } = {},
): Promise<RebuildResult> {
  const batchSize = options.batchSize ?? 5000;
  return db.transaction().execute(async (trx) => {
    await sql`lock table events in share mode`.execute(trx);
    await sql`truncate table ${sql.join(projectionTables.map((t) => sql.table(t)))}`.execute(trx);
    let after = 0;
    let replayed = 0;
    for (;;) {
      const batch = await readAll(trx, after, batchSize);
      if (batch.length === 0) break;
      for (const event of batch) await project(trx, event);
      replayed += batch.length;
      after = batch[batch.length - 1]!.position;
      options.onProgress?.(replayed);
    }
    return { events: replayed, tables: projectionTables };
  });
}
