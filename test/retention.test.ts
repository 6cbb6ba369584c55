// Retention of personal data after a group's term, on real PostgreSQL: a council's period (council.retention-set,
// projected and rebuilt), `jmeg council retention`, and `jmeg person erase-expired` erasing exactly the persons whose
// every group's term ended more than the period before the day, with the retention reason, and nothing on a second run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCouncilById, registerCouncil, setCouncilRetention } from '../db/councils';
import { streams, type NewEvent, type PersonData } from '../db/events';
import { openGroup } from '../db/groups';
import { eraseExpiredPersons, findExpiredPersons } from '../db/person-erasure';
import { record } from '../db/record';
import { rebuildProjections } from '../db/rebuild-projections';
import { countRows } from './support/db-dump';
import { createTestDatabase, type TestDatabase } from './support/pg';
import { jmegOn } from './support/jmeg-cli';

let t: TestDatabase;
let keeping = '';
let council = '';
let ended = '';
let inTerm = '';
let kept = '';

const person = (n: number): PersonData => ({
  fullName: `Асан Үсөнов ${n}`,
  sex: 'M',
  birthDate: '1980-01-0' + String((n % 9) + 1),
  workplace: null,
  village: 'Ак-Суу',
  phone: `+99670000000${n}`,
  email: `asan${n}@example.kg`,
});

const member = (groupId: string, n: number): NewEvent => ({
  type: 'member.added',
  idempotencyKey: `t:m:${groupId}:${n}`,
  payload: {
    groupId,
    membershipId: `m-${groupId}-${n}`,
    personId: `p-${n}`,
    person: person(n),
    category: 'citizen',
    role: 'member',
    joinedOn: '2022-02-01',
  },
});
const candidate = (groupId: string, n: number): NewEvent => ({
  type: 'candidate.nominated',
  idempotencyKey: `t:c:${groupId}:${n}`,
  payload: {
    groupId,
    candidateId: `c-${groupId}-${n}`,
    nominationId: `n-${groupId}-${n}`,
    personId: `p-${n}`,
    person: person(n),
    category: 'citizen',
    nominatedOn: '2022-01-10',
    source: 'executive_head',
    protocolId: null,
    votes: null,
  },
});

async function createdGroup(councilId: string, termEnd: string): Promise<string> {
  const groupId = await openGroup(t.db, { councilId, councilFormedOn: '2021-12-01' }, 'test');
  await record(t.db, {
    stream: streams.group(groupId),
    actor: 'test',
    events: [{ type: 'group.created', payload: { groupId, createdOn: '2022-02-01', resolutionNumber: '7', termEnd } }],
  });
  return groupId;
}

const erasedIds = async () =>
  (await t.db.selectFrom('persons').select('id').where('data_erased_at', 'is not', null).orderBy('id').execute()).map(
    (r) => r.id,
  );

const jmeg = (...args: string[]) => jmegOn(t.url, ...args);

beforeAll(async () => {
  t = await createTestDatabase();
  council = await registerCouncil(t.db, { name: { ky: 'Ак-Суу', ru: 'Ак-Суу' } }, 'test');
  keeping = await registerCouncil(t.db, { name: { ky: 'Тоң', ru: 'Тон' } }, 'test');
  // The term of `ended` ended on 31 January 2026; `inTerm`'s runs to 2027; `kept` ended long ago in a council that keeps data.
  ended = await createdGroup(council, '2026-01-31');
  inTerm = await createdGroup(council, '2027-06-30');
  kept = await createdGroup(keeping, '2025-01-01');
  await record(t.db, {
    stream: streams.group(ended),
    actor: 'test',
    events: [candidate(ended, 1), member(ended, 1), candidate(ended, 2), member(ended, 3)],
  });
  await record(t.db, {
    stream: streams.group(inTerm),
    actor: 'test',
    events: [candidate(inTerm, 3), member(inTerm, 4)],
  });
  await record(t.db, { stream: streams.group(kept), actor: 'test', events: [member(kept, 5)] });
}, 60_000);

afterAll(async () => {
  await t?.drop();
});

describe('a council sets its retention period', () => {
  it('defaults to keep (0); council.retention-set is projected, survives a rebuild, and an unchanged value records nothing', async () => {
    expect((await findCouncilById(t.db, council))?.retention_months).toBe(0);
    expect(await setCouncilRetention(t.db, council, 3, 'test')).toEqual({ changed: true });
    const events = await countRows(t.db, 'events');
    expect(await setCouncilRetention(t.db, council, 3, 'test')).toEqual({ changed: false });
    expect(await countRows(t.db, 'events')).toBe(events);
    await rebuildProjections(t.db);
    expect((await findCouncilById(t.db, council))?.retention_months).toBe(3);
    await expect(setCouncilRetention(t.db, council, -1, 'test')).rejects.toMatchObject({ code: 'invalid-retention' });
    await expect(setCouncilRetention(t.db, council, 1.5, 'test')).rejects.toMatchObject({ code: 'invalid-retention' });
    await expect(setCouncilRetention(t.db, 'no-council', 1, 'test')).rejects.toMatchObject({ code: 'unknown-council' });
  });

  it('jmeg council retention COUNCIL_ID --months N sets it; bad input exits 2', async () => {
    const set = await jmeg('council', 'retention', council, '--months', '6');
    expect(set.code).toBe(0);
    expect(set.stdout).toContain(
      `set: personal data of council ${council} is erased 6 months after a group's term ends`,
    );
    expect((await findCouncilById(t.db, council))?.retention_months).toBe(6);
    expect((await jmeg('council', 'retention', council, '--months', '-1')).code).toBe(2);
    expect((await jmeg('council', 'retention', council, '--months', 'six')).code).toBe(2);
    const unknown = await jmeg('council', 'retention', 'no-council', '--months', '1');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no council with id no-council');
  });
});

describe('jmeg person erase-expired', () => {
  it('finds nobody on the last day kept (31 January + 6 months = 31 July 2026)', async () => {
    expect(await findExpiredPersons(t.db, '2026-07-31')).toEqual([]);
  });

  it('--dry-run lists the persons due and writes nothing', async () => {
    const events = await countRows(t.db, 'events');
    const dry = await jmeg('person', 'erase-expired', '--on', '2026-08-01', '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('would erase: p-1\tretention: 6 months after the term ended on 2026-01-31');
    expect(dry.stdout).toContain('would erase: p-2\t');
    expect(dry.stdout).toContain('2 to erase on 2026-08-01 (dry run: nothing written)');
    expect(await countRows(t.db, 'events')).toBe(events);
    expect(await erasedIds()).toEqual([]);
  });

  it('erases only those whose every group ended more than the period before, with the reason; a second run erases nothing', async () => {
    const first = await jmeg('person', 'erase-expired', '--on', '2026-08-01', '--json');
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toEqual({
      on: '2026-08-01',
      dryRun: false,
      due: [
        { personId: 'p-1', reason: 'retention: 6 months after the term ended on 2026-01-31' },
        { personId: 'p-2', reason: 'retention: 6 months after the term ended on 2026-01-31' },
      ],
      erased: ['p-1', 'p-2'],
    });
    // p-3 is also a candidate of a group in term, p-4 is in that group, p-5's council keeps data until asked.
    expect(await erasedIds()).toEqual(['p-1', 'p-2']);
    const kept = await t.db
      .selectFrom('persons')
      .select(['id', 'phone'])
      .where('id', 'in', ['p-3', 'p-4', 'p-5'])
      .orderBy('id')
      .execute();
    expect(kept).toEqual([3, 4, 5].map((n) => ({ id: `p-${n}`, phone: person(n).phone })));
    const erasures = await t.db
      .selectFrom('events')
      .select(['payload', 'actor'])
      .where('type', '=', 'person.data-erased')
      .orderBy('position')
      .execute();
    expect(erasures.map((e) => e.payload)).toEqual([
      { personId: 'p-1', groupId: ended, reason: 'retention: 6 months after the term ended on 2026-01-31' },
      { personId: 'p-2', groupId: ended, reason: 'retention: 6 months after the term ended on 2026-01-31' },
    ]);

    const events = await countRows(t.db, 'events');
    const second = await jmeg('person', 'erase-expired', '--on', '2026-08-01');
    expect(second.code).toBe(0);
    expect(second.stdout).toBe('0 erased on 2026-08-01\n');
    expect(await countRows(t.db, 'events')).toBe(events);
    expect(await eraseExpiredPersons(t.db, { on: '2026-08-02', actor: 'test' })).toEqual({ due: [], erased: [] });
  });

  it('erases a person of several groups once the last of their terms is past; refuses a bad --on', async () => {
    expect((await findExpiredPersons(t.db, '2027-12-30')).map((p) => p.personId)).toEqual([]);
    const due = await findExpiredPersons(t.db, '2027-12-31');
    expect(due.map((p) => [p.personId, p.reason])).toEqual([
      ['p-3', 'retention: 6 months after the term ended on 2027-06-30'],
      ['p-4', 'retention: 6 months after the term ended on 2027-06-30'],
    ]);
    const bad = await jmeg('person', 'erase-expired', '--on', '2026-02-30');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--on "2026-02-30" is not a real date');
  });
});
