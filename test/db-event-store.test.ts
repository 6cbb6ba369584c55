// The event store and projections, against the real Postgres server (a fresh database for this file).
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConcurrencyError, readAll, readStream } from '../db/event-store';
import { streams, type NewEvent } from '../db/events';
import { importRoster, RosterImportError } from '../db/import-roster';
import { migrateToLatest, migrationNames, migrator } from '../db/migrate';
import { NO_MIGRATIONS } from 'kysely/migration';
import { listPublicMembers, listRosterEntries } from '../db/members';
import { listObligations } from '../db/obligations';
import { record, recordInTransaction } from '../db/record';
import { rebuildProjections } from '../db/rebuild-projections';
import { registerCouncil } from '../db/councils';
import { openGroup } from '../db/groups';
import type { RosterMember } from '../domain/roster';
import { countRows, dumpProjections } from './support/db-dump';
import { recordSampleHistory } from './support/db-sample-history';
import { createTestDatabase, type TestDatabase } from './support/pg';

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase({ poolSize: 12 });
});
afterAll(async () => {
  await t?.drop();
});

const statusChanged = (groupId: string, status: 'active' | 'dissolved', key?: string): NewEvent => ({
  type: 'group.status-changed',
  payload: { groupId, status, reason: null },
  ...(key ? { idempotencyKey: key } : {}),
});

async function newGroup(suffix: string): Promise<string> {
  const councilId = await registerCouncil(t.db, { name: { ky: `Кеңеш ${suffix}`, ru: `Кенеш ${suffix}` } }, 'test');
  return openGroup(t.db, { councilId, councilFormedOn: '2026-10-01' }, 'test');
}

describe('migrations', () => {
  it('run up from an empty database, are a no-op when current, and run down and up again', async () => {
    const fresh = await createTestDatabase({ migrate: false });
    try {
      expect(await migrateToLatest(fresh.db)).toEqual(migrationNames);
      expect(migrationNames[0]).toBe('20261123T1900-initial');
      const tables = await fresh.db
        .selectFrom('information_schema.tables' as never)
        .select('table_name' as never)
        .where('table_schema' as never, '=', 'public' as never)
        .execute();
      const names = (tables as { table_name: string }[]).map((r) => r.table_name);
      expect(names).toEqual(
        expect.arrayContaining([
          'events',
          'councils',
          'groups',
          'persons',
          'memberships',
          'candidates',
          'nominations',
          'gathering_protocols',
          'monitored_objects',
          'acts',
          'act_annexes',
          'responses',
          'obligations',
          'obligation_status_changes',
          'obligation_reminders',
          'notices',
          'meetings',
          'calendar_entries',
          'mail_outbox',
        ]),
      );
      expect(await migrateToLatest(fresh.db)).toEqual([]);

      const down = await migrator(fresh.db).migrateTo(NO_MIGRATIONS);
      expect(down.error).toBeUndefined();
      const { rows } = await sql<{
        n: number;
      }>`select count(*) as n from information_schema.tables where table_schema = 'public' and table_name = 'events'`.execute(
        fresh.db,
      );
      expect(rows[0]!.n).toBe(0);
      expect(await migrateToLatest(fresh.db)).toEqual(migrationNames);
    } finally {
      await fresh.drop();
    }
  });
});

describe('appending to a stream', () => {
  it('gives versions 1..n within the stream and increasing global positions', async () => {
    const groupId = await newGroup('versions');
    const result = await record(t.db, {
      stream: streams.group(groupId),
      expectedVersion: 1,
      events: [statusChanged(groupId, 'active'), statusChanged(groupId, 'dissolved')],
      actor: 'test',
    });
    expect(result.appended.map((e) => e.streamVersion)).toEqual([2, 3]);
    expect(result.appended[1]!.position).toBeGreaterThan(result.appended[0]!.position);
    expect((await readStream(t.db, streams.group(groupId))).map((e) => e.type)).toEqual([
      'group.opened',
      'group.status-changed',
      'group.status-changed',
    ]);
  });

  it('8 parallel writers expecting the same version: exactly one wins, the others get ConcurrencyError', async () => {
    const groupId = await newGroup('race');
    const stream = streams.group(groupId);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 8 }, () =>
        record(t.db, { stream, expectedVersion: 1, events: [statusChanged(groupId, 'active')], actor: 'test' }),
      ),
    );
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(7);
    for (const o of lost) {
      expect(o.reason).toBeInstanceOf(ConcurrencyError);
      expect((o.reason as Error).message).toBe(`stream ${stream} expected version 1, found 2`);
    }
    expect(await readStream(t.db, stream)).toHaveLength(2);
  });

  it('a writer blocked by a concurrent append of the same version fails with ConcurrencyError once the other commits', async () => {
    const groupId = await newGroup('blocked');
    const stream = streams.group(groupId);
    const first = await t.db.startTransaction().execute();
    const second = await t.db.startTransaction().execute();
    try {
      await recordInTransaction(first, {
        stream,
        expectedVersion: 1,
        events: [statusChanged(groupId, 'active')],
        actor: 'first',
      });
      const blocked = recordInTransaction(second, {
        stream,
        expectedVersion: 1,
        events: [statusChanged(groupId, 'dissolved')],
        actor: 'second',
      });
      const settled = blocked.then(
        () => 'appended',
        (e: unknown) => e,
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      await first.commit().execute();
      const error = await settled;
      expect(error).toBeInstanceOf(ConcurrencyError);
      expect(error).toMatchObject({ streamId: stream, expectedVersion: 1, actualVersion: 2 });
    } finally {
      await second.rollback().execute();
    }
    expect((await readStream(t.db, stream)).map((e) => e.actor)).toEqual(['test', 'first']);
  });

  it("'any' appends after whatever is there: 8 parallel writers all succeed with distinct versions", async () => {
    const groupId = await newGroup('any');
    const stream = streams.group(groupId);
    await Promise.all(
      Array.from({ length: 8 }, () =>
        record(t.db, { stream, events: [statusChanged(groupId, 'active')], actor: 'test' }),
      ),
    );
    expect((await readStream(t.db, stream)).map((e) => e.streamVersion)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});

describe('idempotency keys', () => {
  it('re-appending a fact with a stored key is a no-op that returns the first-stored event', async () => {
    const groupId = await newGroup('idem');
    const stream = streams.group(groupId);
    const first = await record(t.db, {
      stream,
      events: [statusChanged(groupId, 'active', `activate-${groupId}`)],
      actor: 'first',
    });
    const again = await record(t.db, {
      stream,
      expectedVersion: 1,
      events: [statusChanged(groupId, 'dissolved', `activate-${groupId}`)],
      actor: 'again',
    });
    expect(again.appended).toEqual([]);
    expect(again.events).toEqual(first.events);
    expect(again.events[0]).toMatchObject({ actor: 'first', streamVersion: 2, payload: { status: 'active' } });
    expect(await readStream(t.db, stream)).toHaveLength(2);
  });

  it('a key repeated inside one batch is stored once', async () => {
    const groupId = await newGroup('batch');
    const result = await record(t.db, {
      stream: streams.group(groupId),
      events: [statusChanged(groupId, 'active', `k-${groupId}`), statusChanged(groupId, 'active', `k-${groupId}`)],
      actor: 'test',
    });
    expect(result.appended).toHaveLength(1);
    expect(result.events[1]).toEqual(result.events[0]);
  });

  it('two transactions racing on one key: the second waits, then returns the first one’s event', async () => {
    const groupId = await newGroup('keyrace');
    const key = `race-${groupId}`;
    const first = await t.db.startTransaction().execute();
    const second = await t.db.startTransaction().execute();
    try {
      const a = await recordInTransaction(first, {
        stream: streams.group(groupId),
        events: [statusChanged(groupId, 'active', key)],
        actor: 'first',
      });
      const b = recordInTransaction(second, {
        stream: `other-${groupId}`,
        events: [statusChanged(groupId, 'active', key)],
        actor: 'second',
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
      await first.commit().execute();
      const result = await b;
      expect(result.appended).toEqual([]);
      expect(result.events[0]!.position).toBe(a.appended[0]!.position);
      await second.commit().execute();
    } catch (error) {
      await second.rollback().execute();
      throw error;
    }
    expect(await readStream(t.db, `other-${groupId}`)).toEqual([]);
  });
});

describe('the log is append-only in the database itself', () => {
  async function raw(statement: string): Promise<unknown> {
    const client = new pg.Client({ connectionString: t.url });
    await client.connect();
    try {
      await client.query(statement);
      return null;
    } catch (error) {
      return error;
    } finally {
      await client.end();
    }
  }

  it.each([
    ['UPDATE', "update events set type = 'forged'"],
    ['DELETE', 'delete from events'],
    ['TRUNCATE', 'truncate events'],
    ['TRUNCATE', 'truncate events cascade'],
  ])('%s of events is refused by a trigger (%s)', async (op, statement) => {
    await newGroup(`refuse-${op}`);
    const before = await readAll(t.db, 0, 1_000_000);
    const error = await raw(statement);
    expect(error).toMatchObject({ message: `events are append-only: ${op} on events refused` });
    expect(await readAll(t.db, 0, 1_000_000)).toEqual(before);
  });
});

describe('projections', () => {
  it('are written in the append’s transaction: a projection that fails rolls the event back', async () => {
    const { groupId } = await recordSampleHistory(t.db, '-tx');
    const stream = streams.act('a1-tx');
    const eventsBefore = await countRows(t.db, 'events');
    // The rung '3-before' of ob1 was sent already: its primary key refuses a second row, so the event must go too.
    await expect(
      record(t.db, {
        stream,
        events: [
          {
            type: 'obligation.reminder-sent',
            payload: { obligationId: 'ob1-tx', rung: '3-before', recipients: ['x@example.kg'] },
          },
        ],
        actor: 'test',
      }),
    ).rejects.toThrow(/obligation_reminders_pkey/);
    expect(await countRows(t.db, 'events')).toBe(eventsBefore);
    const [ob1] = await listObligations(t.db, { groupId, actId: 'a1-tx', statuses: ['met'] });
    expect(ob1).toMatchObject({ id: 'ob1-tx', due_date: '2027-02-01', reminders: ['3-before', 'on-the-day'] });
  });

  it('an event for a group that does not exist is not stored', async () => {
    const eventsBefore = await countRows(t.db, 'events');
    await expect(
      record(t.db, {
        stream: 'group-nowhere',
        events: [
          {
            type: 'group.created',
            payload: { groupId: 'nowhere', createdOn: '2026-11-02', resolutionNumber: '1', termEnd: '2030-11-02' },
          },
        ],
        actor: 'test',
      }),
    ).rejects.toThrow('groups: no row with id nowhere');
    expect(await countRows(t.db, 'events')).toBe(eventsBefore);
  });

  it('rebuilt from the log equal the live ones, table by table, even after a projection row was lost', async () => {
    await recordSampleHistory(t.db, '-rebuild');
    const live = await dumpProjections(t.db);
    for (const [table, rows] of Object.entries(live))
      expect(rows.length, `${table} has rows to compare`).toBeGreaterThan(0);
    await t.db.deleteFrom('obligation_reminders').where('obligation_id', '=', 'ob1-rebuild').execute();
    await t.db.updateTable('groups').set({ status: 'dissolved' }).where('id', '=', 'g-rebuild').execute();

    const result = await rebuildProjections(t.db, { batchSize: 7 });
    expect(result.events).toBe(await countRows(t.db, 'events'));
    expect(await dumpProjections(t.db)).toEqual(live);
  });
});

describe('roster import', () => {
  const member = (
    fullName: string,
    sex: 'M' | 'F',
    category: RosterMember['category'],
    year: number,
  ): RosterMember => ({
    fullName,
    sex,
    birthDate: { year, month: 5, day: 1 },
    category,
    workplace: null,
    village: 'Терек-Суу',
    phone: `+99670000${String(year).slice(-4)}`,
    email: `${year}@example.kg`,
  });
  const roster: RosterMember[] = [
    member('Асанова Айгүл', 'F', 'citizen', 1985),
    member('Бакиров Эмил', 'M', 'citizen', 1986),
    member('Султанова Жылдыз', 'F', 'citizen', 1987),
    member('Токтогулов Бакыт', 'M', 'municipal_employee', 1979),
    member('Жумабаев Нурлан', 'M', 'deputy', 1990),
  ];

  it('records one member.added per person, checks the composition, and is a no-op when repeated', async () => {
    const groupId = await newGroup('roster');
    const first = await importRoster(t.db, groupId, roster, { actor: 'test', on: '2026-11-23' });
    expect(first).toMatchObject({ added: 5, alreadyPresent: 0 });
    expect(first.composition.size).toBe(5);
    expect(first.composition.ok).toBe(true);
    const eventsAfterFirst = await countRows(t.db, 'events');

    const second = await importRoster(t.db, groupId, roster, { actor: 'test', on: '2026-11-23' });
    expect(second).toMatchObject({ added: 0, alreadyPresent: 5 });
    expect(await countRows(t.db, 'events')).toBe(eventsAfterFirst);
    expect((await readStream(t.db, streams.group(groupId))).filter((e) => e.type === 'member.added')).toHaveLength(5);
  });

  it('a roster naming the same person twice writes nothing and names the row', async () => {
    const groupId = await newGroup('dup');
    const before = { events: await countRows(t.db, 'events'), memberships: await countRows(t.db, 'memberships') };
    const error = await importRoster(t.db, groupId, [...roster, roster[1]!], { actor: 'test', on: '2026-11-23' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RosterImportError);
    expect((error as RosterImportError).errors).toEqual([
      expect.objectContaining({ row: 6, field: 'full_name', rule: 'same-person-twice' }),
    ]);
    expect({ events: await countRows(t.db, 'events'), memberships: await countRows(t.db, 'memberships') }).toEqual(
      before,
    );
  });

  it('a row the database refuses half-way (a birth year of five digits) leaves no member and no event behind', async () => {
    const groupId = await newGroup('half');
    const before = {
      events: await countRows(t.db, 'events'),
      memberships: await countRows(t.db, 'memberships'),
      persons: await countRows(t.db, 'persons'),
    };
    const broken = [...roster.slice(0, 3), { ...roster[3]!, birthDate: { year: 19790 } }, roster[4]!];
    await expect(importRoster(t.db, groupId, broken, { actor: 'test', on: '2026-11-23' })).rejects.toThrow(
      /persons_birth_date_check/,
    );
    expect({
      events: await countRows(t.db, 'events'),
      memberships: await countRows(t.db, 'memberships'),
      persons: await countRows(t.db, 'persons'),
    }).toEqual(before);
  });

  it('into a group that does not exist is refused', async () => {
    await expect(
      importRoster(t.db, 'no-such-group', roster, { actor: 'test', on: '2026-11-23' }),
    ).rejects.toMatchObject({ code: 'unknown-group' });
  });

  it('the public member list has names, categories, roles and villages, and never a phone, e-mail or birth date', async () => {
    const groupId = await newGroup('public');
    await importRoster(t.db, groupId, roster, { actor: 'test', on: '2026-11-23' });
    const publicMembers = await listPublicMembers(t.db, groupId);
    expect(publicMembers).toHaveLength(5);
    for (const m of publicMembers)
      expect(Object.keys(m).sort()).toEqual(['category', 'fullName', 'membershipId', 'role', 'village']);
    const text = JSON.stringify(publicMembers.map(({ membershipId: _id, ...shown }) => shown));
    for (const m of roster) {
      expect(text).toContain(m.fullName);
      expect(text).not.toContain(m.phone!);
      expect(text).not.toContain(m.email!);
      expect(text).not.toContain(String(m.birthDate.year));
    }
    // The private read for staff and the composition check does have them.
    expect((await listRosterEntries(t.db, groupId)).map((e) => e.member.phone)).toContain(roster[0]!.phone);
  });
});
