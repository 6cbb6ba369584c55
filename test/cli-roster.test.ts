// `jmeg roster check` run as a user runs it: the real CLI in a child process, on fixture files.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const FIXTURES = 'test/fixtures/roster';

function jmeg(...args: string[]) {
  const r = spawnSync('node_modules/.bin/tsx', ['cli/main.ts', ...args], { encoding: 'utf8', timeout: 60_000 });
  const lines = (text: string) => text.split('\n').filter((l) => l.trim() !== '');
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, errLines: lines(r.stderr), outLines: lines(r.stdout) };
}

const noStackTrace = (text: string) => expect(text).not.toMatch(/^\s+at /mu);

describe('jmeg roster check', () => {
  it('a valid 13-member roster: exit 0, counts, the stated rounding and the arithmetic', () => {
    const r = jmeg(
      'roster',
      'check',
      `${FIXTURES}/valid-13.csv`,
      '--on',
      '2026-03-01',
      '--chair',
      'Жээнбеков Данияр Талантович',
      '--lang',
      'en',
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('13 members, reference date 01.03.2026');
    expect(r.stdout).toContain('Counts: municipal employees 3, deputies 3, citizens 7; women 6, men 7');
    expect(r.stdout).toContain('Rounding (5.2.3): the quarter quotas are rounded down');
    expect(r.stdout).toContain('✓ n = 13: 13 × 1/4 = 3.25 → at least 3 municipal employees (rounded down); found 3');
    expect(r.stdout).toContain('Result: no violations, 5 warnings.');
    expect(r.stderr).toBe('');
  });

  it('Kyrgyz is the default language', () => {
    const r = jmeg('roster', 'check', `${FIXTURES}/valid-13.csv`, '--on', '2026-03-01');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Жыйынтык: бузуу жок, эскертүү: 5.');
  });

  it('a violating roster: exit 1, every violation with clause and severity', () => {
    const r = jmeg(
      'roster',
      'check',
      `${FIXTURES}/violating-13.csv`,
      '--on',
      '2026-03-01',
      '--chair',
      'Токтогулов Нурлан Асанович',
      '--lang',
      'en',
    );
    expect(r.code).toBe(1);
    const findings = r.outLines.filter((l) => /^ {2}\[(violation|warning)\] [\d—]/u.test(l));
    expect(findings.map((l) => l.split(':')[0]!.trim())).toEqual([
      '[violation] 5.2.1 member-under-18',
      '[violation] 5.2.3 municipal-employees-below-quota',
      '[violation] 5.2.3 one-sex-over-70-percent',
      '[violation] 5.4.6 chair-not-citizen',
      '[warning] — duplicate-phone',
    ]);
    expect(r.stdout).toContain('✗ n = 13: 13 × 1/4 = 3.25 → at least 3 municipal employees (rounded down); found 2');
    expect(r.stdout).toContain('Result: 4 violations, 7 warnings.');
  });

  it('--json prints the full result', () => {
    const r = jmeg('roster', 'check', `${FIXTURES}/violating-13.csv`, '--on', '2026-03-01', '--json');
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout) as {
      ok: boolean;
      size: number;
      counts: Record<string, number>;
      findings: { code: string; message: Record<string, string> }[];
      arithmetic: unknown[];
    };
    expect(json).toMatchObject({
      ok: false,
      size: 13,
      counts: { municipal_employee: 2, deputy: 3, citizen: 8, F: 10, M: 3 },
    });
    expect(json.findings.map((f) => f.code)).toEqual([
      'member-under-18',
      'municipal-employees-below-quota',
      'one-sex-over-70-percent',
      'duplicate-phone',
    ]);
    expect(json.arithmetic).toHaveLength(6);
  });

  it('rows that cannot be read: exit 2, one line per row naming the row, its line, the name, the field and the rule', () => {
    const r = jmeg('roster', 'check', `${FIXTURES}/broken-rows.csv`, '--lang', 'en');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.errLines).toEqual([
      'test/fixtures/roster/broken-rows.csv: row 2 (line 3, Бекмуратов Азамат Жолдошевич): Sex: "X" must be male / female (M / F) [one-of]',
      'test/fixtures/roster/broken-rows.csv: row 3 (line 4, Садыкова Айжан Бакытовна): Birth date: "31.02.1990" is not a real date [real-date]',
    ]);
    noStackTrace(r.stderr);
  });

  it.each([
    ['unclosed-quote.csv', /unclosed-quote\.csv: not a readable CSV file: Quote Not Closed.*line 2/u],
    [
      'missing-category-column.csv',
      /missing-category-column\.csv: header \(line 1\): the column "Category" is missing/u,
    ],
    ['no-such-file.csv', /no-such-file\.csv: cannot read the file \(no such file\)/u],
  ])('%s: exit 2 with one clear line', (file, message) => {
    const r = jmeg('roster', 'check', `${FIXTURES}/${file}`, '--lang', 'en');
    expect(r.code).toBe(2);
    expect(r.errLines).toHaveLength(1);
    expect(r.errLines[0]).toMatch(message);
    noStackTrace(r.stderr);
  });

  it('bad options: exit 2 with one line', () => {
    const r = jmeg('roster', 'check', `${FIXTURES}/valid-13.csv`, '--on', '2026-02-30');
    expect(r.code).toBe(2);
    expect(r.errLines).toEqual(['roster check: --on "2026-02-30" is not a real date in the form YYYY-MM-DD']);
  });

  it('a semicolon-separated file with a byte-order mark (a spreadsheet export) is read', () => {
    const r = jmeg('roster', 'check', `${FIXTURES}/semicolon-bom-5.csv`, '--on', '2026-03-01', '--lang', 'en');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Counts: municipal employees 3, deputies 2, citizens 0; women 3, men 2');
    expect(r.stdout).toContain('citizens-below-half');
  });

  it('a column missing that the check can do without (workplace) is a warning, not a refusal', () => {
    const r = jmeg('roster', 'check', `${FIXTURES}/missing-column.csv`, '--on', '2026-03-01', '--lang', 'en');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('[warning] header (line 1): the column "Workplace" is missing; this data stays empty');
    expect(r.stdout).toContain('size-too-small');
  });
});

// The shape of a council's own list as it comes: a running-number column, Kyrgyz headers and values, `;` as the
// separator, birth years without the day, empty workplaces and villages, a phone of nine digits and one phone given
// for two members. The check runs on it and reports what 5.2.3 forbids; the rest are warnings.
describe("jmeg roster check on the council's own list", () => {
  const file = `${FIXTURES}/council-roster.csv`;

  it('exit 1 with the 5.2.3 violations by clause, and the bad and the shared phone as warnings', () => {
    const r = jmeg('roster', 'check', file, '--on', '2026-03-01', '--lang', 'en');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('11 members, reference date 01.03.2026');
    expect(r.stdout).toContain('Counts: municipal employees 3, deputies 4, citizens 4; women 3, men 8');
    const findings = r.outLines.filter((l) => /^ {2}\[(violation|warning)\] [\d—]/u.test(l));
    expect(findings.map((l) => l.split(':')[0]!.trim())).toEqual([
      '[warning] 5.2.3 deputies-above-quarter',
      '[violation] 5.2.3 citizens-below-half',
      '[violation] 5.2.3 one-sex-over-70-percent',
      '[warning] — duplicate-phone',
    ]);
    expect(r.stdout).toContain(
      '[warning] — duplicate-phone: № 8 Эсенкулов Талант Бекболотович and № 9 Исаков Мирлан Кадырбекович give the same phone number (+996 709 224 781)',
    );
    expect(r.stdout).toContain(
      '[warning] row 2 (line 3, Касымова Динара Бакытовна): Phone: "0555 12 345" is not a valid Kyrgyz number (0XXX XXX XXX, +996 XXX XXX XXX); kept as written, check and correct it [phone-invalid]',
    );
    expect(r.stdout).toContain('[warning] row 3 (line 4, Жолдошев Улукбек Асанович): Village: empty [village-missing]');
    expect(r.stdout).toContain(
      '[warning] row 5 (line 6, Орозбеков Бактыбек Жумабекович): Birth date: only the year is given (1974)',
    );
    expect(r.stdout).toContain('Result: 2 violations, 9 warnings.');
  });

  it('in Kyrgyz by default, the rows named in Kyrgyz', () => {
    const r = jmeg('roster', 'check', file, '--on', '2026-03-01');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('2-жазуу (файлдын 3-сабы, Касымова Динара Бакытовна): Телефону: «0555 12 345»');
    expect(r.stdout).toContain('Жыйынтык: бузуу: 2, эскертүү: 9.');
  });

  it('--json carries the findings and the warnings with the value kept', () => {
    const r = jmeg('roster', 'check', file, '--on', '2026-03-01', '--json');
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout) as {
      ok: boolean;
      findings: { code: string; severity: string; clause: string | null }[];
      warnings: { row: number; line: number; field: string; rule: string; fullName: string }[];
    };
    expect(json.ok).toBe(false);
    expect(json.findings.filter((f) => f.severity === 'violation').map((f) => [f.clause, f.code])).toEqual([
      ['5.2.3', 'citizens-below-half'],
      ['5.2.3', 'one-sex-over-70-percent'],
    ]);
    expect(json.warnings).toContainEqual(
      expect.objectContaining({
        row: 2,
        line: 3,
        field: 'phone',
        rule: 'phone-invalid',
        fullName: 'Касымова Динара Бакытовна',
      }),
    );
  });
});
