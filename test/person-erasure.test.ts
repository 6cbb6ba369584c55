// Personal data in the append-only log (crypto-shredding): sealed on append, opened on read, erased with the
// person's key; the projections rebuild after an erasure and the log's earlier rows never change. Real PostgreSQL.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerCouncil } from '../db/councils';
import { readAll, readStream, streamVersion } from '../db/event-store';
import { streams, type NewEvent, type PersonData } from '../db/events';
import { openGroup } from '../db/groups';
import { listRosterEntries } from '../db/members';
import { erasePersonData } from '../db/person-erasure';
import { record } from '../db/record';
import { rebuildProjections } from '../db/rebuild-projections';
import { dumpProjections } from './support/db-dump';
import { createTestDatabase, type TestDatabase } from './support/pg';
import { jmegOn } from './support/jmeg-cli';

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

const PHONE = '+996555123456';
const EMAIL = 'aidai.secret@example.kg';
const BIRTH = '1987-04-19';

const person = (n: number): PersonData => ({
  fullName: `Айдай Токтогулова ${n}`,
  sex: 'F',
  birthDate: `${BIRTH.slice(0, 3)}${n}${BIRTH.slice(4)}`,
  workplace: 'Мектеп',
  village: 'Кетмен-Дөбө',
  phone: `${PHONE.slice(0, -1)}${n}`,
  email: `${n}.${EMAIL}`,
});

async function newGroup(suffix: string): Promise<string> {
  const councilId = await registerCouncil(t.db, { name: { ky: `Кеңеш ${suffix}`, ru: `Кенеш ${suffix}` } }, 'test');
  return openGroup(t.db, { councilId, councilFormedOn: '2026-10-01' }, 'test');
}

const nominated = (groupId: string, n: number): NewEvent => ({
  type: 'candidate.nominated',
  idempotencyKey: `test:nominated:${groupId}:${n}`,
  payload: {
    groupId,
    candidateId: `c-${groupId}-${n}`,
    nominationId: `n-${groupId}-${n}`,
    personId: `p-${groupId}-${n}`,
    person: person(n),
    category: 'citizen',
    nominatedOn: '2026-11-02',
    source: 'executive_head',
    protocolId: null,
    votes: null,
  },
});

const memberAdded = (groupId: string, n: number): NewEvent => ({
  type: 'member.added',
  idempotencyKey: `test:member:${groupId}:${n}`,
  payload: {
    groupId,
    membershipId: `m-${groupId}-${n}`,
    personId: `p-${groupId}-${n}`,
    person: person(n),
    category: 'citizen',
    role: 'member',
    joinedOn: '2026-11-20',
  },
});

/** Every event row as stored, in position order, as text (what a dump of the table would show). */
async function rawEvents(): Promise<{ position: number; row: string }[]> {
  const { rows } = await sql<{
    position: string;
    row: string;
  }>`select position, row_to_json(e)::text as row from events e order by position`.execute(t.db);
  return rows.map((r) => ({ position: Number(r.position), row: r.row }));
}

const personRow = (id: string) =>
  t.db
    .selectFrom('persons')
    .select(['birth_date', 'phone', 'email', 'data_erased_at', 'full_name'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

describe('personal data in the log', () => {
  it('is stored sealed (no phone, e-mail or birth date in clear), read back opened, and projected', async () => {
    const groupId = await newGroup('seal');
    await record(t.db, {
      stream: streams.group(groupId),
      events: [nominated(groupId, 1), memberAdded(groupId, 1)],
      actor: 'test',
    });
    const p = person(1);

    const raw = (await rawEvents()).map((r) => r.row).join('\n');
    for (const clear of [p.phone!, p.email!, p.birthDate!]) expect(raw).not.toContain(clear);
    expect(raw).toContain('"enc": "v1"');
    expect(raw).toContain(p.fullName);

    const key = await t.db
      .selectFrom('person_keys')
      .selectAll()
      .where('person_id', '=', `p-${groupId}-1`)
      .executeTakeFirstOrThrow();
    expect(Buffer.from(key.key!).length).toBe(32);
    expect(key.erased_at).toBeNull();

    const events = await readStream(t.db, streams.group(groupId));
    const read = events
      .filter((e) => e.type === 'candidate.nominated' || e.type === 'member.added')
      .map((e) => (e.payload as { person: PersonData }).person);
    expect(read).toEqual([p, p]);

    expect(await personRow(`p-${groupId}-1`)).toMatchObject({
      birth_date: p.birthDate,
      phone: p.phone,
      email: p.email,
      data_erased_at: null,
    });
    const [entry] = await listRosterEntries(t.db, groupId);
    expect(entry).toMatchObject({
      dataErased: false,
      member: { phone: p.phone, email: p.email, birthDate: { year: 1981, month: 4, day: 19 } },
    });
  });

  it('still dedupes idempotent appends: the repeat stores nothing and returns the first event opened', async () => {
    const groupId = await newGroup('idem');
    const first = await record(t.db, {
      stream: streams.group(groupId),
      events: [nominated(groupId, 2)],
      actor: 'test',
    });
    const before = await rawEvents();
    const again = await record(t.db, {
      stream: streams.group(groupId),
      events: [nominated(groupId, 2)],
      actor: 'test',
    });
    expect(again.appended).toEqual([]);
    expect(again.events[0]!.position).toBe(first.events[0]!.position);
    expect((again.events[0]!.payload as { person: PersonData }).person).toEqual(person(2));
    expect(await rawEvents()).toEqual(before);
  });
});

describe('erasure', () => {
  it('erases the key, appends only person.data-erased, and a full rebuild shows the fields erased everywhere', async () => {
    const groupId = await newGroup('erase');
    const personId = `p-${groupId}-3`;
    await record(t.db, {
      stream: streams.group(groupId),
      events: [nominated(groupId, 3), memberAdded(groupId, 3), nominated(groupId, 4)],
      actor: 'test',
    });
    const before = await rawEvents();

    const result = await erasePersonData(t.db, personId, {
      reason: 'the person asked, letter of 2026-12-01',
      actor: 'test:staff',
    });
    expect(result).toEqual({ status: 'erased', personId, groupId });

    // Append-only: every earlier row byte for byte the same, one new row, carrying no personal data.
    const after = await rawEvents();
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after).toHaveLength(before.length + 1);
    const added = after.at(-1)!.row;
    expect(added).toContain('person.data-erased');
    for (const clear of [person(3).phone!, person(3).email!, person(3).birthDate!, person(3).fullName])
      expect(added).not.toContain(clear);

    const key = await t.db
      .selectFrom('person_keys')
      .selectAll()
      .where('person_id', '=', personId)
      .executeTakeFirstOrThrow();
    expect(key.key).toBeNull();
    expect(key.erased_at).toBeInstanceOf(Date);

    // Readers get the erased marker; the other person is untouched.
    const read = (await readStream(t.db, streams.group(groupId))).filter(
      (e) => e.type === 'candidate.nominated' || e.type === 'member.added',
    );
    const people = read.map((e) => (e.payload as { person: PersonData }).person);
    expect(people[0]).toEqual({ ...person(3), birthDate: null, phone: null, email: null, dataErased: true });
    expect(people[1]).toEqual(people[0]);
    expect(people[2]).toEqual(person(4));

    const live = await personRow(personId);
    expect(live).toMatchObject({ birth_date: null, phone: null, email: null, full_name: person(3).fullName });
    expect(live.data_erased_at).toBeInstanceOf(Date);
    const liveDump = await dumpProjections(t.db);

    const rebuilt = await rebuildProjections(t.db);
    expect(rebuilt.events).toBe((await readAll(t.db, 0, 100000)).length);
    expect(await dumpProjections(t.db)).toEqual(liveDump);
    expect(await personRow(personId)).toMatchObject({ birth_date: null, phone: null, email: null });
    expect(await personRow(`p-${groupId}-4`)).toMatchObject({
      birth_date: person(4).birthDate,
      phone: person(4).phone,
      email: person(4).email,
      data_erased_at: null,
    });
    const [entry] = await listRosterEntries(t.db, groupId);
    expect(entry).toMatchObject({ personId, dataErased: true, member: { birthDate: null, phone: null, email: null } });
    expect(await rawEvents()).toEqual(after);

    // Again: nothing more is written.
    expect((await erasePersonData(t.db, personId, { reason: 'again', actor: 'test:staff' })).status).toBe(
      'already-erased',
    );
    expect(await rawEvents()).toEqual(after);
  });

  it('withholds an erased person’s data in later appends too', async () => {
    const groupId = await newGroup('later');
    await record(t.db, { stream: streams.group(groupId), events: [nominated(groupId, 5)], actor: 'test' });
    await erasePersonData(t.db, `p-${groupId}-5`, { reason: 'request', actor: 'test' });
    await record(t.db, { stream: streams.group(groupId), events: [memberAdded(groupId, 5)], actor: 'test' });
    const raw = (await rawEvents()).at(-1)!.row;
    expect(raw).toContain('member.added');
    expect(raw).not.toContain(person(5).phone!);
    expect(raw).not.toContain('"enc"');
    expect(await personRow(`p-${groupId}-5`)).toMatchObject({ birth_date: null, phone: null, email: null });
  });

  it('covers events stored in clear by older versions: readable as they are until erased, then withheld', async () => {
    const groupId = await newGroup('legacy');
    const legacy = nominated(groupId, 6);
    const personId = `p-${groupId}-6`;
    // An older log: the row written directly, in clear, and no key for the person.
    await t.db
      .insertInto('events')
      .values({
        stream_id: streams.group(groupId),
        stream_version: (await streamVersion(t.db, streams.group(groupId))) + 1,
        type: legacy.type,
        payload: JSON.stringify(legacy.payload),
        actor: 'old',
        occurred_at: new Date(),
        idempotency_key: legacy.idempotencyKey ?? null,
      })
      .execute();
    await rebuildProjections(t.db);
    expect(await personRow(personId)).toMatchObject({ phone: person(6).phone, birth_date: person(6).birthDate });

    await erasePersonData(t.db, personId, { reason: 'request', actor: 'test' });
    await rebuildProjections(t.db);
    expect(await personRow(personId)).toMatchObject({ birth_date: null, phone: null, email: null });
    const read = (await readStream(t.db, streams.group(groupId))).find((e) => e.type === 'candidate.nominated')!;
    expect((read.payload as { person: PersonData }).person).toMatchObject({ phone: null, dataErased: true });
  });

  it('refuses an unknown person and an empty reason', async () => {
    await expect(erasePersonData(t.db, 'p-nobody', { reason: 'x', actor: 'test' })).rejects.toMatchObject({
      code: 'unknown-person',
    });
    await expect(erasePersonData(t.db, 'p-nobody', { reason: '  ', actor: 'test' })).rejects.toMatchObject({
      code: 'erasure-reason-required',
    });
  });

  it('jmeg person erase: erases, then says already erased; usage errors exit 2', async () => {
    const groupId = await newGroup('cli');
    await record(t.db, { stream: streams.group(groupId), events: [nominated(groupId, 7)], actor: 'test' });
    const jmeg = (...args: string[]) => jmegOn(t.url, ...args);
    const personId = `p-${groupId}-7`;
    const first = await jmeg('person', 'erase', personId, '--reason', 'the person asked');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`erased: the phone, e-mail and birth date of ${personId}`);
    expect(await personRow(personId)).toMatchObject({ phone: null, email: null, birth_date: null });
    expect((await jmeg('person', 'erase', personId, '--reason', 'again')).stdout).toContain('already erased');
    expect((await jmeg('person', 'erase', personId)).code).toBe(2);
    const unknown = await jmeg('person', 'erase', 'p-nobody', '--reason', 'r');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no person with id p-nobody');
  });
});
