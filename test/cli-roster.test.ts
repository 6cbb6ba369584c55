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
    expect(r.stdout).toContain('Result: no violations.');
    expect(r.stderr).toBe('');
  });

  it('Kyrgyz is the default language', () => {
    const r = jmeg('roster', 'check', `${FIXTURES}/valid-13.csv`, '--on', '2026-03-01');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Жыйынтык: бузуу жок.');
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
    const findings = r.outLines.filter((l) => l.startsWith('  ['));
    expect(findings.map((l) => l.split(':')[0]!.trim())).toEqual([
      '[violation] 5.2.1 member-under-18',
      '[violation] 5.2.3 municipal-employees-below-quota',
      '[violation] 5.2.3 one-sex-over-70-percent',
      '[violation] 5.4.6 chair-not-citizen',
      '[violation] — duplicate-phone',
    ]);
    expect(r.stdout).toContain('✗ n = 13: 13 × 1/4 = 3.25 → at least 3 municipal employees (rounded down); found 2');
    expect(r.stdout).toContain('Result: 5 violations.');
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

  it('bad rows: exit 2, one line per bad row naming the row, its line, the field and the rule', () => {
    const r = jmeg('roster', 'check', `${FIXTURES}/broken-rows.csv`, '--lang', 'en');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.errLines).toHaveLength(2);
    expect(r.errLines[0]).toMatch(
      /^test\/fixtures\/roster\/broken-rows\.csv: row 2 \(line 3\): sex: "X" must be M .*\[one-of\]; phone: "0100 123 456" .*\[phone-invalid\]$/u,
    );
    expect(r.errLines[1]).toMatch(/: row 3 \(line 4\): birth_date: "31\.02\.1990" is not a real date \[real-date\]$/u);
    noStackTrace(r.stderr);
  });

  it.each([
    ['unclosed-quote.csv', /unclosed-quote\.csv: not a readable CSV file: Quote Not Closed.*line 2/u],
    ['missing-column.csv', /missing-column\.csv: header \(line 1\): header: column "workplace" is missing/u],
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
});
