// The same migrations and queries on the embedded PGlite database (in memory): the default of `npm start`.
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../db/connect';
import type { Database } from '../db/database';
import { ConcurrencyError, readAll } from '../db/event-store';
import { streams } from '../db/events';
import { migrateToLatest, migrationNames } from '../db/migrate';
import { listPublicMembers } from '../db/members';
import { record } from '../db/record';
import { rebuildProjections } from '../db/rebuild-projections';
import { countRows, dumpProjections } from './support/db-dump';
import { recordSampleHistory } from './support/db-sample-history';

let db: Kysely<Database>;

beforeAll(async () => {
  db = createDb({ databaseUrl: null, dataDir: '' }, { pgliteDir: 'memory://' });
  expect(await migrateToLatest(db)).toEqual(migrationNames);
});
afterAll(async () => {
  await db?.destroy();
});

describe('on PGlite', () => {
  it('records a history through the projections, with counts and dates typed as on Postgres', async () => {
    const { groupId } = await recordSampleHistory(db, '-lite');
    expect(await countRows(db, 'events')).toBe(77);
    const [group] = await db
      .selectFrom('groups')
      .select(['created_on', 'term_end', 'opened_at'])
      .where('id', '=', groupId)
      .execute();
    expect(group).toEqual({
      created_on: '2026-11-02',
      term_end: '2030-11-02',
      opened_at: new Date('2026-10-02T04:00:00Z'),
    });
    expect(await listPublicMembers(db, groupId)).toEqual([
      { membershipId: 'm1-lite', fullName: 'Асанова Айгүл', category: 'citizen', role: 'chair', village: 'Терек-Суу' },
    ]);
  });

  it('refuses UPDATE, DELETE and TRUNCATE of events in the database', async () => {
    const before = await readAll(db, 0, 10_000);
    for (const [op, statement] of [
      ['UPDATE', "update events set type = 'forged'"],
      ['DELETE', 'delete from events'],
      ['TRUNCATE', 'truncate events'],
    ] as const) {
      await expect(sql.raw(statement).execute(db)).rejects.toThrow(`events are append-only: ${op} on events refused`);
    }
    expect(await readAll(db, 0, 10_000)).toEqual(before);
  });

  it('serialises concurrent writers: one wins a version race, distinct streams all succeed', async () => {
    const stream = streams.group('g-lite');
    const status = {
      type: 'group.status-changed' as const,
      payload: { groupId: 'g-lite', status: 'active' as const, reason: null },
    };
    const { streamVersion } = await record(db, { stream, events: [status], actor: 'test' });
    const race = await Promise.allSettled(
      Array.from({ length: 4 }, () =>
        record(db, { stream, expectedVersion: streamVersion, events: [status], actor: 'test' }),
      ),
    );
    expect(race.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(race.filter((r) => r.status === 'rejected' && r.reason instanceof ConcurrencyError)).toHaveLength(3);
    await Promise.all(Array.from({ length: 8 }, (_, i) => recordSampleHistory(db, `-lite${i}`)));
    expect(await countRows(db, 'groups')).toBe(18); // two groups a history: the formed one and the one taken on
  });

  it('rebuilds projections equal to the live ones', async () => {
    const live = await dumpProjections(db);
    await db.deleteFrom('obligation_reminders').execute();
    const result = await rebuildProjections(db, { batchSize: 50 });
    expect(result.events).toBe(await countRows(db, 'events'));
    expect(await dumpProjections(db)).toEqual(live);
  });
});
