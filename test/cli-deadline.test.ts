// The real `jmeg deadline` and `jmeg calendar show` commands, spawned as a user runs them.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const fixture = (name: string) => `test/fixtures/calendar/${name}`;

function jmeg(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'cli/main.ts', ...args], {
      cwd: root,
      env: { ...process.env, NODE_NO_WARNINGS: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function json(...args: string[]): Promise<Record<string, unknown>> {
  const result = await jmeg(...args, '--json');
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as Record<string, unknown>;
}

describe('jmeg deadline', () => {
  it.each([
    ['object-response', '2025-12-26', '2026-01-20'],
    ['executive-report', '2026-02-18', '2026-03-23'],
    ['creation-notice', '2026-03-24', '2026-03-18'],
    ['formation-notice', '2026-01-31', '2026-03-02'],
    ['term-end', '2026-03-21', '2030-03-21'],
  ])('%s --from %s --json: due %s', async (key, from, due) => {
    const out = await json('deadline', key, '--from', from);
    expect(out).toMatchObject({ key, from, due });
  });

  it('--json gives the counted and skipped days with names, and the Bishkek end of day', async () => {
    const out = await json('deadline', 'executive-report', '--from', '2026-02-18');
    expect(out).toMatchObject({
      clause: '4.3',
      dueInstant: '2026-03-23T17:59:59.999Z',
      counted: ['2026-03-20'],
      movedFrom: '2026-03-20',
      skipped: [
        { date: '2026-03-20', reason: 'day-off', name: { ky: 'Орозо айт', ru: 'Орозо айт' } },
        { date: '2026-03-21', reason: 'holiday', name: { ky: 'Нооруз', ru: 'Нооруз' } },
        { date: '2026-03-22', reason: 'weekend' },
      ],
      // The count touches no estimated date (Kurman Ait's 27 May is far off): no warning.
      calendarNotes: [],
    });
  });

  it('--calendar FILE overrides Kurman Ait 2026 (26 May confirmed instead of 27 May estimated)', async () => {
    const shipped = await json('deadline', 'object-response', '--from', '2026-05-25');
    expect(shipped).toMatchObject({ due: '2026-06-09', calendarNotes: [{ year: 2026, data: 'estimated' }] });
    expect((shipped.counted as string[])[0]).toBe('2026-05-26');
    const corrected = await json(
      'deadline',
      'object-response',
      '--from',
      '2026-05-25',
      '--calendar',
      fixture('kurman-ait-2026-confirmed.json'),
    );
    expect(corrected).toMatchObject({ due: '2026-06-09', calendarNotes: [] });
    expect((corrected.counted as string[])[0]).toBe('2026-05-27');
    expect(corrected.skipped).toContainEqual({
      date: '2026-05-26',
      reason: 'day-off',
      name: { ky: 'Курман айт', ru: 'Курман айт' },
    });
  });

  it('--calendar FILE.ics adds days off', async () => {
    const out = await json(
      'deadline',
      'executive-report',
      '--from',
      '2026-04-26',
      '--calendar',
      fixture('days-off.ics'),
    );
    expect(out).toMatchObject({ due: '2026-05-28', movedFrom: '2026-05-26' });
  });

  it('--extended gives information-request its one extension', async () => {
    expect(await json('deadline', 'information-request', '--from', '2026-03-18')).toMatchObject({ due: '2026-04-02' });
    expect(await json('deadline', 'information-request', '--from', '2026-03-18', '--extended')).toMatchObject({
      due: '2026-04-16',
      extended: true,
    });
  });

  it('prints the explanation in Kyrgyz by default, and in Russian or English on request', async () => {
    const ky = await jmeg('deadline', 'object-response', '--from', '2025-12-26');
    expect(ky.code).toBe(0);
    expect(ky.stdout).toContain('Мөөнөт: 20.01.2026 (шейшемби)');
    expect(ky.stdout).toContain('01.01.2026 (бейшемби), Жаңы жыл');
    const en = await jmeg('deadline', 'object-response', '--from', '2025-12-26', '--lang', 'en');
    expect(en.stdout).toContain('Due: 20.01.2026 (Tuesday), by 23:59 Bishkek time');
  });

  it.each([
    [
      ['deadline', 'object-answer', '--from', '2026-03-02'],
      /^deadline: obligation "object-answer" is unknown; valid keys: formation-notice, .*information-request, summary-report, conflict-removal$/,
    ],
    [
      ['deadline', 'object-response', '--from', '2026-02-30'],
      /^deadline: --from: "2026-02-30" is not a real date in the form YYYY-MM-DD$/,
    ],
    [['deadline', 'object-response', '--from', '30.03.2026'], /^deadline: --from: "30.03.2026" is not a real date/],
    [['deadline', 'object-response'], /^deadline: --from YYYY-MM-DD is required/],
    [
      ['deadline', 'object-response', '--from', '2026-03-02', '--soon'],
      /^deadline: unknown option "--soon"; usage: jmeg deadline/,
    ],
    [['deadline', 'object-response', '--from', '2026-03-02', '--lang', 'de'], /^--lang: "de" must be ky, ru or en$/],
    [
      ['deadline', 'object-response', '--from', '2026-03-02', '--calendar', 'no-such-file.json'],
      /^--calendar: cannot read "no-such-file.json" \(no such file\)$/,
    ],
    [
      ['deadline', 'object-response', '--from', '2026-03-02', '--calendar', fixture('bad-date.json')],
      /entry 3 \(array index 2\), field "date": "2026-02-30" is not a real date/,
    ],
    [
      ['deadline', 'object-response', '--from', '2026-03-02', '--calendar', fixture('truncated.ics')],
      /truncated\.ics: calendar file: not a valid iCalendar file/,
    ],
    [['calendar', 'show', '26'], /^calendar show: year "26" must be four digits/],
  ])('bad input %j: exit 2 with one line', async (args, message) => {
    const result = await jmeg(...args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
  });
});

describe('jmeg calendar show', () => {
  it('2026 lists Orozo Ait on 20 March and the worked Saturday 7 February', async () => {
    const result = await jmeg('calendar', 'show', '2026');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/20\.03\.2026 \(жума\)\s+Орозо айт/);
    expect(result.stdout).toMatch(/07\.02\.2026 \(ишемби\)\s+Министрлер Кабинетинин токтому боюнча жумуш күнү/);
    expect(result.stdout).toContain('Ишемби жана жекшемби: 104 (анын ичинен иштелет: 2)');
    expect(result.stdout).toContain('жумуш күндөрү: 247');
  });

  it('--json gives the year status, the non-working days and the worked days', async () => {
    const out = await json('calendar', 'show', '2026');
    expect(out.data).toBe('estimated');
    const nonWorking = out.nonWorkingDays as { date: string; status: string }[];
    expect(nonWorking.map((d) => d.date)).toContain('2026-03-20');
    expect(nonWorking.find((d) => d.date === '2026-05-27')?.status).toBe('estimated');
    expect((out.workedDays as { date: string }[]).map((d) => d.date)).toEqual(['2026-02-07', '2026-04-25']);
    expect(out.totals).toEqual({ saturdaysSundays: 104, workedWeekendDays: 2, nonWorkingDays: 118, workingDays: 247 });
  });

  it('--calendar with a year the product does not ship marks it as given', async () => {
    expect((await json('calendar', 'show', '2028')).data).toBe('missing');
    expect((await json('calendar', 'show', '2028', '--calendar', fixture('year-2028.json'))).data).toBe('estimated');
  });
});
