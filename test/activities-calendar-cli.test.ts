// Staff edit the working-day calendar from the command line (`jmeg calendar set|remove|import`), and
// `jmeg calendar show` reads what they recorded; run as a user runs them, against a fresh Postgres database.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerCouncil } from '../db/councils';
import { streams } from '../db/events';
import { openGroup } from '../db/groups';
import { createTestDatabase, type TestDatabase } from './support/pg';

const run = promisify(execFile);
let t: TestDatabase;
let councilId: string;
let emptyDataDir: string;

beforeAll(async () => {
  t = await createTestDatabase();
  councilId = await registerCouncil(
    t.db,
    { name: { ky: 'Тоң айылдык кеңеши', ru: 'Тонский айылный кенеш' }, email: 'ton@ayil.kg' },
    'test',
  );
  emptyDataDir = mkdtempSync(join(tmpdir(), 'jmeg-no-db-'));
});
afterAll(async () => {
  await t?.drop();
  rmSync(emptyDataDir, { recursive: true, force: true });
});

async function jmeg(
  args: string[],
  env: Record<string, string | undefined> = { DATABASE_URL: t.url },
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('node_modules/.bin/tsx', ['cli/main.ts', ...args], {
      env: { ...process.env, NODE_NO_WARNINGS: '1', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

type ShowJson = {
  data: string;
  nonWorkingDays: { date: string; reason: string; status?: string; name?: { ky: string; ru: string } }[];
  totals: { workingDays: number };
  database: { entries: number } | null;
};

async function show(...args: string[]): Promise<ShowJson> {
  const result = await jmeg(['calendar', 'show', '2026', '--json', ...args]);
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout) as ShowJson;
}

const calendarEvents = async (scope: string | null) =>
  (await t.db.selectFrom('events').select('type').where('stream_id', '=', streams.calendar(scope)).execute()).map(
    (e) => e.type,
  );

const dayOff13April = [
  'calendar',
  'set',
  '2026-04-13',
  '--type',
  'day-off',
  '--name-ky',
  'Дем алыш күн',
  '--name-ru',
  'Выходной день',
];

describe('jmeg calendar set / remove / import write the calendar as events; show reads them', () => {
  it('set records a day off once; set again records nothing', async () => {
    expect(await jmeg(dayOff13April)).toMatchObject({
      code: 0,
      stdout: expect.stringContaining(
        '2026-04-13 day-off (confirmed): 1 change(s) recorded in the national calendar',
      ) as string,
    });
    expect(await jmeg(dayOff13April)).toMatchObject({
      code: 0,
      stdout: '2026-04-13 day-off (confirmed): already so in the national calendar, nothing recorded\n',
    });
    expect(await calendarEvents(null)).toEqual(['calendar.entry-set']);
  });

  it('show includes the database entries when DATABASE_URL is set, and leaves them out with --no-db', async () => {
    const out = await show();
    expect(out.nonWorkingDays.find((d) => d.date === '2026-04-13')).toMatchObject({
      reason: 'day-off',
      status: 'confirmed',
      name: { ru: 'Выходной день' },
    });
    expect(out.database).toMatchObject({ entries: 1 });
    expect(out.totals.workingDays).toBe(246);
    const shipped = await show('--no-db');
    expect(shipped.nonWorkingDays.map((d) => d.date)).not.toContain('2026-04-13');
    expect(shipped).toMatchObject({ database: null, totals: { workingDays: 247 } });
  });

  it('with no DATABASE_URL and no embedded database in the data directory, show uses the shipped data and creates nothing', async () => {
    const result = await jmeg(['calendar', 'show', '2026', '--json'], {
      DATABASE_URL: '',
      JMEG_DATA_DIR: emptyDataDir,
    });
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as ShowJson).database).toBeNull();
    expect(
      await jmeg(['calendar', 'show', '2026', '--council', councilId], {
        DATABASE_URL: '',
        JMEG_DATA_DIR: emptyDataDir,
      }),
    ).toMatchObject({
      code: 2,
      stderr: 'calendar show: --council needs a database (set DATABASE_URL or JMEG_DATA_DIR)\n',
    });
  });

  it('import of a JSON file sets every entry in one go: Kurman Ait 2026 confirmed on 26 May, 27 May worked', async () => {
    const result = await jmeg(['calendar', 'import', 'test/fixtures/calendar/kurman-ait-2026-confirmed.json']);
    expect(result).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('2 entries read: 2 change(s) recorded in the national calendar') as string,
    });
    const out = await show();
    expect(out.nonWorkingDays.find((d) => d.date === '2026-05-26')).toMatchObject({
      reason: 'day-off',
      status: 'confirmed',
    });
    expect(out.nonWorkingDays.map((d) => d.date)).not.toContain('2026-05-27');
    expect(out.data).toBe('confirmed');
  });

  it('an import with one bad entry writes nothing and says which entry and field, in one line (exit 2)', async () => {
    const before = await calendarEvents(null);
    const result = await jmeg(['calendar', 'import', 'test/fixtures/calendar/bad-date.json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^calendar import test\/fixtures\/calendar\/bad-date\.json: entry 3 \(array index 2\), field "date": "2026-02-30" is not a real date/,
    );
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(await calendarEvents(null)).toEqual(before);
  });

  it("an iCalendar import for a council applies to that council's calendar only", async () => {
    const result = await jmeg(['calendar', 'import', 'test/fixtures/calendar/days-off.ics', '--council', councilId]);
    expect(result.code).toBe(0);
    // Four days off (26 May 2026, 8-9 January 2026, 10 March 2027), each one event; three fall in 2026.
    expect(await calendarEvents(councilId)).toHaveLength(4);
    const council = await show('--council', councilId);
    const national = await show();
    expect(council.database!.entries).toBe(national.database!.entries + 3);
    expect(council.nonWorkingDays.find((d) => d.date === '2026-05-26')?.name).toEqual({
      ky: 'Курман айт',
      ru: 'Курбан айт',
    });
    expect(national.nonWorkingDays.find((d) => d.date === '2026-05-26')?.name).toEqual({
      ky: 'Курман айт',
      ru: 'Курман айт',
    });
  });

  it('remove gives the shipped data back; removing again records nothing', async () => {
    expect(await jmeg(['calendar', 'remove', '2026-04-13'])).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('2026-04-13: entry removed') as string,
    });
    expect(await jmeg(['calendar', 'remove', '2026-04-13'])).toMatchObject({
      code: 0,
      stdout: '2026-04-13: no entry in the national calendar, nothing recorded\n',
    });
    expect((await show()).nonWorkingDays.map((d) => d.date)).not.toContain('2026-04-13');
  });

  it('after a change it tells the running procedures, or says in one line how many were not told and where to do it', async () => {
    const noTemporal = { DATABASE_URL: t.url, TEMPORAL_ADDRESS: '127.0.0.1:1' };
    const quiet = await jmeg(
      [
        'calendar',
        'set',
        '2026-04-14',
        '--type',
        'day-off',
        '--name-ky',
        'А',
        '--name-ru',
        'Б',
        '--council',
        councilId,
      ],
      noTemporal,
    );
    expect(quiet.stdout).toContain('No procedure is running in this scope: nothing to tell.');
    await openGroup(t.db, { councilId, councilFormedOn: '2026-03-02' }, 'test');
    const told = await jmeg(['calendar', 'remove', '2026-04-14', '--council', councilId], noTemporal);
    expect(told).toMatchObject({ code: 0 });
    expect(told.stdout.trimEnd().split('\n')).toEqual([
      '2026-04-14: entry removed',
      'Temporal is not reachable: 1 running procedure(s) still count on the old calendar. Tell them from the calendar page ("tell the procedures") once Temporal runs.',
    ]);
  });

  it.each([
    [
      ['calendar', 'set', '2026-02-30', '--type', 'day-off', '--name-ky', 'А', '--name-ru', 'Б'],
      'calendar set: "2026-02-30" is not a real date (YYYY-MM-DD)',
    ],
    [
      ['calendar', 'set', '2026-04-13', '--type', 'holiday', '--name-ky', 'А', '--name-ru', 'Б'],
      'calendar set: --type must be day-off or working-day, not "holiday"',
    ],
    [
      ['calendar', 'set', '2026-04-13', '--type', 'day-off', '--name-ky', 'А'],
      'calendar set: --name-ru NAME is required; usage: jmeg calendar set YYYY-MM-DD --type day-off|working-day --name-ky NAME --name-ru NAME [--status confirmed|estimated] [--council ID]',
    ],
    [
      ['calendar', 'set', '2026-04-13', '--type', 'day-off', '--name-ky', 'А', '--name-ru', 'Б', '--status', 'maybe'],
      'calendar set: --status must be confirmed or estimated, not "maybe"',
    ],
    [
      [...dayOff13April, '--council', 'no-such-council'],
      'calendar set: --council "no-such-council" is not a registered council (see jmeg council list)',
    ],
  ])('%j is refused in one line, exit 2', async (args, message) => {
    expect(await jmeg(args)).toMatchObject({ code: 2, stderr: `${message}\n` });
  });
});
