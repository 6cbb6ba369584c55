// The database commands of the CLI, run as a user runs them, against a fresh Postgres database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectionTables } from '../db/projections';
import { countRows } from './support/db-dump';
import { createTestDatabase, type TestDatabase } from './support/pg';
import { jmegOn } from './support/jmeg-cli';

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase({ migrate: false });
});
afterAll(async () => {
  await t?.drop();
});

const jmeg = (...args: string[]) => jmegOn(t.url, ...args);

const roster = (name: string) => `test/fixtures/roster/${name}.csv`;

describe('jmeg db / council / group / roster import / projections', () => {
  let groupId = '';

  it('db migrate applies the schema once, then reports it up to date', async () => {
    expect(await jmeg('db', 'migrate')).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('applied 20261123T1900-initial') as string,
    });
    expect(await jmeg('db', 'migrate')).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('schema is up to date') as string,
    });
  });

  it('council create and group create print the new ids; an unknown council is one clear line, exit 2', async () => {
    const council = await jmeg(
      'council',
      'create',
      '--name-ky',
      'Кетмен-Дөбө айылдык кеңеши',
      '--name-ru',
      'Кетмен-Дёбёнский айылный кенеш',
      '--email',
      'kenesh@example.kg',
    );
    expect(council.code).toBe(0);
    const group = await jmeg(
      'group',
      'create',
      '--council',
      council.stdout.trim(),
      '--council-formed-on',
      '2026-10-01',
    );
    expect(group.code).toBe(0);
    groupId = group.stdout.trim();
    expect(await jmeg('group', 'create', '--council', 'nope')).toMatchObject({
      code: 2,
      stderr: 'group create: no council with id nope (see "jmeg council list")\n',
    });
  });

  it('roster import of a file with bad rows reports them by row and field and writes nothing', async () => {
    const before = { events: await countRows(t.db, 'events'), memberships: await countRows(t.db, 'memberships') };
    const result = await jmeg('roster', 'import', roster('broken-rows'), '--group', groupId, '--lang', 'en');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'row 2 (line 3, Бекмуратов Азамат Жолдошевич): Sex: "X" must be male / female (M / F) [one-of]',
    );
    expect(result.stderr).toContain('Nothing was written');
    expect({ events: await countRows(t.db, 'events'), memberships: await countRows(t.db, 'memberships') }).toEqual(
      before,
    );
  });

  it('roster import records every member once, prints the composition check, and a re-import adds nothing', async () => {
    const first = await jmeg(
      'roster',
      'import',
      roster('valid-13'),
      '--group',
      groupId,
      '--on',
      '2026-11-23',
      '--lang',
      'en',
    );
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('13 added, 0 already present');
    expect(first.stdout).toContain('Result: no violations, 5 warnings.');
    const events = await countRows(t.db, 'events');
    const again = await jmeg(
      'roster',
      'import',
      roster('valid-13'),
      '--group',
      groupId,
      '--on',
      '2026-11-23',
      '--lang',
      'en',
    );
    expect(again.stdout).toContain('0 added, 13 already present');
    expect(await countRows(t.db, 'events')).toBe(events);
    expect(await countRows(t.db, 'memberships')).toBe(13);
  });

  it('roster import into a group that fails the composition check still records it and exits 1', async () => {
    const council = (await jmeg('council', 'create', '--name-ky', 'Б', '--name-ru', 'Б')).stdout.trim();
    const other = (await jmeg('group', 'create', '--council', council)).stdout.trim();
    const result = await jmeg(
      'roster',
      'import',
      roster('violating-13'),
      '--group',
      other,
      '--on',
      '2026-11-23',
      '--lang',
      'en',
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/13 added/);
  });

  it('group members lists names, categories and roles without phones', async () => {
    const { stdout } = await jmeg('group', 'members', groupId);
    expect(stdout.trim().split('\n')).toHaveLength(13);
    expect(stdout).not.toMatch(/\+996|0700|@/);
  });

  it('projections rebuild replays the whole log', async () => {
    const events = await countRows(t.db, 'events');
    expect(await jmeg('projections', 'rebuild')).toMatchObject({
      code: 0,
      stdout: expect.stringContaining(
        `replayed ${events} events into ${projectionTables.length} projection tables`,
      ) as string,
    });
    expect(await countRows(t.db, 'memberships')).toBe(26);
  });

  it("roster import of the council's own list records every row, the bad phone as written, and prints the warnings", async () => {
    const council = (await jmeg('council', 'create', '--name-ky', 'В', '--name-ru', 'В')).stdout.trim();
    const group = (await jmeg('group', 'create', '--council', council)).stdout.trim();
    const result = await jmeg(
      'roster',
      'import',
      roster('council-roster'),
      '--group',
      group,
      '--on',
      '2026-11-23',
      '--lang',
      'en',
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('11 added, 0 already present');
    expect(result.stdout).toContain('[violation] 5.2.3 citizens-below-half');
    expect(result.stdout).toContain('[warning] — duplicate-phone');
    expect(result.stdout).toContain(
      '[warning] row 2 (line 3, Касымова Динара Бакытовна): Phone: "0555 12 345" is not a valid Kyrgyz number',
    );
    expect(result.stdout).toContain('Result: 2 violations, 9 warnings.');
    const members = await jmeg('group', 'members', group);
    expect(members.stdout.trim().split('\n')).toHaveLength(11);
  });
});
