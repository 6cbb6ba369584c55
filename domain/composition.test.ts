import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ageStatusOn,
  checkComposition,
  COMPOSITION_FINDING_CODES,
  eighteenthBirthday,
  exceedsOneSexLimit,
  quotaFor,
} from './composition';
import type { CompositionFindingCode } from './composition';
import { LANGS } from './i18n';
import type { BirthDate, Category, RosterMember, Sex } from './roster';

const ON = '2026-03-01';

function person(i: number, category: Category, sex: Sex, extra: Partial<RosterMember> = {}): RosterMember {
  return {
    fullName: `Member ${i + 1}`,
    sex,
    birthDate: { year: 1980, month: 1, day: 1 + (i % 28) },
    category,
    workplace: null,
    village: 'Терек-Суу',
    phone: `+996700${String(100000 + i)}`,
    email: null,
    ...extra,
  };
}

/** A list with the given category counts; women first up to `women`, the rest men. */
function roster(split: { me: number; d: number; c: number }, women?: number): RosterMember[] {
  const categories: Category[] = [
    ...Array<Category>(split.me).fill('municipal_employee'),
    ...Array<Category>(split.d).fill('deputy'),
    ...Array<Category>(split.c).fill('citizen'),
  ];
  const f = women ?? Math.floor(categories.length / 2);
  return categories.map((category, i) => person(i, category, i < f ? 'F' : 'M'));
}

const codes = (members: RosterMember[], opts: { on?: string; chair?: string } = {}) =>
  checkComposition(members, {
    on: opts.on ?? ON,
    ...(opts.chair === undefined ? {} : { chair: opts.chair }),
  }).findings.map((f) => f.code);

const ODD_SIZES = [5, 7, 9, 11, 13, 15];

describe('quotaFor: the 5.2.3 quotas, quarters rounded down, citizens a strict majority, one sex at most 70%', () => {
  it.each([
    [5, 1, 1, 2, 3, 3],
    [7, 1, 1, 2, 4, 4],
    [9, 2, 2, 3, 5, 6],
    [11, 2, 2, 3, 6, 7],
    [13, 3, 3, 4, 7, 9],
    [15, 3, 3, 4, 8, 10],
  ])('n = %i: ME >= %i, deputies %i..%i, citizens >= %i, one sex <= %i', (n, me, dMin, dMax, c, sex) => {
    expect(quotaFor(n)).toEqual({
      size: n,
      municipalEmployeesMin: me,
      deputiesMin: dMin,
      deputiesMax: dMax,
      citizensMin: c,
      maxOneSex: sex,
      sizeAllowed: true,
    });
  });

  it.each(ODD_SIZES)('n = %i: the minimums leave room for a valid split (their sum is at most n)', (n) => {
    const q = quotaFor(n);
    expect(q.municipalEmployeesMin + q.deputiesMin + q.citizensMin).toBeLessThanOrEqual(n);
  });

  it.each(ODD_SIZES)('n = %i: rounding the quarters up would leave no valid split (why the rounding is down)', (n) => {
    expect(2 * Math.ceil(n / 4) + quotaFor(n).citizensMin).toBeGreaterThan(n);
  });

  it('refuses a size that is not a whole number', () => {
    expect(() => quotaFor(7.5)).toThrow(/size/);
    expect(() => quotaFor(-1)).toThrow(/size/);
  });
});

describe('5.2.1 and 5.2.3: every odd size from 5 to 15 with a valid split passes', () => {
  const splits: [number, number, number][] = [
    [1, 1, 3],
    [1, 1, 5],
    [2, 1, 4],
    [2, 2, 5],
    [2, 2, 7],
    [2, 3, 6],
    [3, 3, 7],
    [3, 3, 9],
    [3, 4, 8],
    [4, 3, 8],
  ];
  it.each(splits)('%i municipal employees + %i deputies + %i citizens: no findings', (me, d, c) => {
    const result = checkComposition(roster({ me, d, c }), { on: ON });
    expect(result.findings).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.counts).toMatchObject({ municipal_employee: me, deputy: d, citizen: c });
    expect(result.arithmetic.every((a) => a.holds)).toBe(true);
  });
});

describe('5.2.3 near misses: one fewer than required is the specific violation, with its numbers', () => {
  it.each(ODD_SIZES)('n = %i: one municipal employee short', (n) => {
    const q = quotaFor(n);
    const members = roster({
      me: q.municipalEmployeesMin - 1,
      d: q.deputiesMin,
      c: n - q.municipalEmployeesMin - q.deputiesMin + 1,
    });
    const result = checkComposition(members, { on: ON });
    expect(result.findings.map((f) => f.code)).toEqual(['municipal-employees-below-quota']);
    expect(result.findings[0]).toMatchObject({
      clause: '5.2.3',
      severity: 'violation',
      numbers: { size: n, required: q.municipalEmployeesMin, found: q.municipalEmployeesMin - 1 },
    });
    expect(result.ok).toBe(false);
  });

  it.each(ODD_SIZES)('n = %i: one deputy short', (n) => {
    const q = quotaFor(n);
    const members = roster({
      me: q.municipalEmployeesMin,
      d: q.deputiesMin - 1,
      c: n - q.municipalEmployeesMin - q.deputiesMin + 1,
    });
    const result = checkComposition(members, { on: ON });
    expect(result.findings.map((f) => f.code)).toEqual(['deputies-below-quota']);
    expect(result.findings[0]!.numbers).toEqual({ size: n, required: q.deputiesMin, found: q.deputiesMin - 1 });
  });

  it.each(ODD_SIZES)('n = %i: one citizen short of a strict majority', (n) => {
    const q = quotaFor(n);
    const members = roster({ me: n - q.deputiesMin - q.citizensMin + 1, d: q.deputiesMin, c: q.citizensMin - 1 });
    const result = checkComposition(members, { on: ON });
    expect(result.findings.map((f) => f.code)).toEqual(['citizens-below-half']);
    expect(result.findings[0]!.numbers).toEqual({ size: n, required: q.citizensMin, found: q.citizensMin - 1 });
  });

  it('more deputies than a quarter rounded up is a warning of its own, next to the shortfall it causes elsewhere', () => {
    const result = checkComposition(roster({ me: 3, d: 5, c: 5 }), { on: ON });
    expect(result.findings.map((f) => [f.code, f.severity])).toEqual([
      ['deputies-above-quarter', 'warning'],
      ['citizens-below-half', 'violation'],
    ]);
    expect(result.findings[0]!.numbers).toEqual({ size: 13, max: 4, found: 5 });
  });

  it.each(ODD_SIZES)('n = %i: a deputy above the quarter rounded up always leaves another quota short', (n) => {
    const q = quotaFor(n);
    expect(q.deputiesMax + 1 + q.municipalEmployeesMin + q.citizensMin).toBeGreaterThan(n);
  });

  it('shows the arithmetic: 13 × 1/4 = 3.25 → at least 3 (rounded down); found 2', () => {
    const result = checkComposition(roster({ me: 2, d: 3, c: 8 }), { on: ON });
    const line = result.arithmetic.find((a) => a.rule === 'municipal-employees-min')!;
    expect(line).toMatchObject({ clause: '5.2.3', required: 3, actual: 2, holds: false });
    expect(line.text.en).toBe('n = 13: 13 × 1/4 = 3.25 → at least 3 municipal employees (rounded down); found 2');
    expect(line.text.ru).toBe(
      'n = 13: 13 × 1/4 = 3,25 → минимум 3 муниципальных служащих (округление вниз); в списке 2',
    );
    expect(line.text.ky).toBe(
      'n = 13: 13 × 1/4 = 3,25 → кеминде 3 муниципалдык кызматчы (төмөн карай тегеректелди); тизмеде 2',
    );
    expect(result.arithmetic.find((a) => a.rule === 'citizens-min')!.text.en).toBe(
      'n = 13: 13 × 1/2 = 6.5 → at least 7 representatives of citizens (at least half of an odd number is a strict majority); found 8',
    );
    expect(result.rounding.en).toMatch(/rounded down/);
    expect(result.rounding.ky).toMatch(/төмөн карай тегеректелет/);
  });
});

describe('5.2.1: an odd number of members, 5 to 15', () => {
  it.each([4, 6, 8, 10, 12, 14, 16])('%i members: refused as even', (n) => {
    const q = quotaFor(n);
    const found = codes(roster({ me: q.municipalEmployeesMin, d: q.deputiesMin, c: n - 2 * q.municipalEmployeesMin }));
    expect(found).toContain('size-even');
  });
  it('3 members: too small; 17 members: too large; 0 members: too small and even', () => {
    expect(codes(roster({ me: 0, d: 0, c: 3 }))).toEqual(['size-too-small']);
    expect(codes(roster({ me: 4, d: 4, c: 9 }))).toEqual(['size-too-large']);
    expect(codes([]).slice(0, 2)).toEqual(['size-even', 'size-too-small']);
    expect(checkComposition(roster({ me: 4, d: 4, c: 9 }), { on: ON }).findings[0]!.numbers).toEqual({
      size: 17,
      max: 15,
    });
  });
});

describe('5.2.3: persons of one sex must not exceed 70%', () => {
  it.each([
    [7, 10, false],
    [8, 10, true],
    [3, 5, false],
    [4, 5, true],
    [7, 11, false],
    [8, 11, true],
    [9, 11, true],
    [9, 13, false],
    [10, 13, true],
    [10, 15, false],
    [11, 15, true],
  ])('%i of %i exceeds 70%%: %s', (count, n, exceeds) => {
    expect(exceedsOneSexLimit(count, n)).toBe(exceeds);
  });

  it.each([
    [11, 7, true],
    [11, 9, false],
    [15, 10, true],
    [15, 11, false],
  ])('%i members with %i women: passes = %s', (n, women, passes) => {
    const q = quotaFor(n);
    const members = roster(
      { me: q.municipalEmployeesMin, d: q.deputiesMin, c: n - 2 * q.municipalEmployeesMin },
      women,
    );
    const result = checkComposition(members, { on: ON });
    expect(result.ok).toBe(passes);
    if (!passes) {
      expect(result.findings).toMatchObject([
        { code: 'one-sex-over-70-percent', clause: '5.2.3', numbers: { size: n, found: women, max: q.maxOneSex } },
      ]);
      expect(result.findings[0]!.message.en).toContain(`${women} women of ${n} members`);
    }
  });

  it('applies to men as well', () => {
    const result = checkComposition(roster({ me: 1, d: 1, c: 3 }, 1), { on: ON });
    expect(result.findings.map((f) => f.code)).toEqual(['one-sex-over-70-percent']);
    expect(result.findings[0]!.message.ru).toContain('4 мужчины');
  });
});

describe('5.2.1: aged 18 or over on the reference date', () => {
  const full = (iso: string): BirthDate => ({
    year: Number(iso.slice(0, 4)),
    month: Number(iso.slice(5, 7)),
    day: Number(iso.slice(8, 10)),
  });
  it.each([
    ['2008-03-01', '2026-03-01', 'adult'],
    ['2008-03-01', '2026-02-28', 'minor'],
    ['2008-03-02', '2026-03-01', 'minor'],
    ['2008-02-29', '2026-02-28', 'minor'],
    ['2008-02-29', '2026-03-01', 'adult'],
    ['2004-02-29', '2022-03-01', 'adult'],
    ['2004-02-29', '2022-02-28', 'minor'],
  ])('born %s, on %s: %s', (birth, on, status) => {
    expect(ageStatusOn(full(birth), on).status).toBe(status);
  });

  it('a 29 February birthday turns 18 on 1 March (18 years after a leap year is never a leap year)', () => {
    expect(eighteenthBirthday('2008-02-29')).toBe('2026-03-01');
    expect(eighteenthBirthday('2000-02-29')).toBe('2018-03-01');
    expect(eighteenthBirthday('2008-02-28')).toBe('2026-02-28');
  });

  it.each([
    [2007, '2026-01-01', 'adult'],
    [2008, '2026-01-01', 'undetermined'],
    [2008, '2026-03-01', 'undetermined'],
    [2008, '2026-12-30', 'undetermined'],
    [2008, '2026-12-31', 'adult'],
    [2009, '2026-12-31', 'minor'],
    [2009, '2027-01-01', 'undetermined'],
  ])('born in %i (year only), on %s: %s', (year, on, status) => {
    expect(ageStatusOn({ year }, on).status).toBe(status);
  });

  it('a minor is a violation naming the member and the 18th birthday; a year-only borderline is a warning asking for the full date', () => {
    const members = roster({ me: 1, d: 1, c: 3 }, 2);
    members[2] = { ...members[2]!, birthDate: { year: 2008, month: 3, day: 2 } };
    members[3] = { ...members[3]!, birthDate: { year: 2008 } };
    const result = checkComposition(members, { on: ON });
    expect(result.findings).toMatchObject([
      { code: 'member-under-18', clause: '5.2.1', severity: 'violation', member: { index: 2, fullName: 'Member 3' } },
      {
        code: 'member-age-undetermined',
        clause: '5.2.1',
        severity: 'warning',
        member: { index: 3, fullName: 'Member 4' },
      },
    ]);
    expect(result.findings[0]!.message.en).toContain('turns 18 on 02.03.2026');
    expect(result.findings[1]!.message.en).toContain('DD.MM.YYYY');
    expect(result.ok).toBe(false);
  });
});

describe('5.4.6: the chair is a citizen member', () => {
  const members = roster({ me: 1, d: 1, c: 3 }, 2);
  it('a citizen member as chair: no finding; the name is matched ignoring case and extra spaces', () => {
    expect(codes(members, { chair: 'Member 5' })).toEqual([]);
    expect(codes(members, { chair: '  member   5 ' })).toEqual([]);
  });
  it('a deputy as chair: violation naming the member', () => {
    const result = checkComposition(members, { on: ON, chair: 'Member 2' });
    expect(result.findings).toMatchObject([
      { code: 'chair-not-citizen', clause: '5.4.6', severity: 'violation', member: { index: 1, fullName: 'Member 2' } },
    ]);
  });
  it('a chair not in the list: violation naming the name', () => {
    const result = checkComposition(members, { on: ON, chair: 'Жумабаев Бакыт' });
    expect(result.findings).toMatchObject([{ code: 'chair-not-member', clause: '5.4.6', severity: 'violation' }]);
    for (const lang of LANGS) expect(result.findings[0]!.message[lang]).toContain('Жумабаев Бакыт');
  });
});

describe('the same person or the same phone twice', () => {
  const base = () => roster({ me: 1, d: 1, c: 5 }, 3);
  it('same name and same birth date: the same person, naming both', () => {
    const members = base();
    members[6] = { ...members[6]!, fullName: 'MEMBER 1', birthDate: members[0]!.birthDate };
    const result = checkComposition(members, { on: ON });
    expect(result.findings).toMatchObject([
      {
        code: 'duplicate-person',
        severity: 'violation',
        member: { index: 6 },
        otherMember: { index: 0, fullName: 'Member 1' },
      },
    ]);
    expect(result.findings[0]!.message.en).toContain('№ 1 Member 1 and № 7 MEMBER 1');
  });
  it('same name, one with the birth year only and the same year: the same person', () => {
    const members = base();
    members[6] = { ...members[6]!, fullName: 'Member 1', birthDate: { year: 1980 } };
    expect(codes(members)).toEqual(['duplicate-person']);
  });
  it('same name, different birth dates: a warning to check they are two people', () => {
    const members = base();
    members[6] = { ...members[6]!, fullName: 'Member 1', birthDate: { year: 1990, month: 5, day: 5 } };
    const result = checkComposition(members, { on: ON });
    expect(result.findings).toMatchObject([
      { code: 'same-name', severity: 'warning', member: { index: 6 }, otherMember: { index: 0 } },
    ]);
    expect(result.ok).toBe(true);
  });
  it('same phone twice: a warning (no clause) naming both members and the number', () => {
    const members = base();
    members[4] = { ...members[4]!, phone: members[1]!.phone };
    const result = checkComposition(members, { on: ON });
    expect(result.findings).toMatchObject([
      { code: 'duplicate-phone', severity: 'warning', member: { index: 4 }, otherMember: { index: 1 } },
    ]);
    expect(result.ok).toBe(true);
    expect(result.findings[0]!.message.en).toContain('+996 700 100 001');
  });
});

describe('every finding code has its message in Kyrgyz, Russian and English', () => {
  const minor: Partial<RosterMember> = { birthDate: { year: 2010, month: 1, day: 1 } };
  const scenarios: Record<CompositionFindingCode, { members: RosterMember[]; chair?: string }> = {
    'size-even': { members: roster({ me: 1, d: 1, c: 4 }) },
    'size-too-small': { members: roster({ me: 0, d: 0, c: 3 }) },
    'size-too-large': { members: roster({ me: 4, d: 4, c: 9 }) },
    'member-under-18': { members: roster({ me: 1, d: 1, c: 3 }).map((m, i) => (i === 0 ? { ...m, ...minor } : m)) },
    'member-age-undetermined': {
      members: roster({ me: 1, d: 1, c: 3 }).map((m, i) => (i === 0 ? { ...m, birthDate: { year: 2008 } } : m)),
    },
    'municipal-employees-below-quota': { members: roster({ me: 0, d: 1, c: 4 }) },
    'deputies-below-quota': { members: roster({ me: 1, d: 0, c: 4 }) },
    'deputies-above-quarter': { members: roster({ me: 1, d: 4, c: 4 }) },
    'citizens-below-half': { members: roster({ me: 2, d: 1, c: 2 }) },
    'one-sex-over-70-percent': { members: roster({ me: 1, d: 1, c: 3 }, 4) },
    'chair-not-member': { members: roster({ me: 1, d: 1, c: 3 }), chair: 'Nobody' },
    'chair-not-citizen': { members: roster({ me: 1, d: 1, c: 3 }), chair: 'Member 1' },
    'duplicate-person': {
      members: roster({ me: 1, d: 1, c: 3 }).map((m, i, all) =>
        i === 4 ? { ...m, fullName: all[0]!.fullName, birthDate: all[0]!.birthDate } : m,
      ),
    },
    'same-name': {
      members: roster({ me: 1, d: 1, c: 3 }).map((m, i, all) =>
        i === 4 ? { ...m, fullName: all[0]!.fullName, birthDate: { year: 1970 } } : m,
      ),
    },
    'duplicate-phone': {
      members: roster({ me: 1, d: 1, c: 3 }).map((m, i, all) => (i === 4 ? { ...m, phone: all[0]!.phone } : m)),
    },
  };

  it('the scenario table covers every code', () => {
    expect(Object.keys(scenarios).sort()).toEqual([...COMPOSITION_FINDING_CODES].sort());
  });

  it.each(COMPOSITION_FINDING_CODES)('%s', (code) => {
    const { members, chair } = scenarios[code];
    const finding = checkComposition(members, chair === undefined ? { on: ON } : { on: ON, chair }).findings.find(
      (f) => f.code === code,
    );
    expect(finding).toBeDefined();
    for (const lang of LANGS) expect(finding!.message[lang].trim().length).toBeGreaterThan(20);
    expect(finding!.message.ky).not.toBe(finding!.message.en);
    expect(finding!.message.ru).not.toBe(finding!.message.en);
    expect(finding!.message.ru).toMatch(/[а-я]/u);
    expect(finding!.message.ky).toMatch(/[а-яөүң]/u);
  });
});

describe('properties', () => {
  const validRoster = fc.constantFrom(...ODD_SIZES).chain((n) => {
    const q = quotaFor(n);
    return fc.record({
      n: fc.constant(n),
      extraMe: fc.nat(n - q.municipalEmployeesMin - q.deputiesMin - q.citizensMin),
      extraD: fc.integer({ min: 0, max: q.deputiesMax - q.deputiesMin }),
      women: fc.integer({ min: n - q.maxOneSex, max: q.maxOneSex }),
      on: fc.constantFrom('2026-03-01', '2030-12-31'),
    });
  });

  it('a roster meeting quotaFor(n) with the one-sex limit kept passes', () => {
    fc.assert(
      fc.property(validRoster, ({ n, extraMe, extraD, women, on }) => {
        const q = quotaFor(n);
        const rest = n - q.municipalEmployeesMin - q.deputiesMin - q.citizensMin;
        const me = q.municipalEmployeesMin + Math.min(extraMe, rest);
        const d = q.deputiesMin + Math.min(extraD, rest - Math.min(extraMe, rest));
        const result = checkComposition(roster({ me, d, c: n - me - d }, women), { on });
        expect(result.findings).toEqual([]);
      }),
    );
  });

  it('taking one citizen away from a minimal roster and giving the place to a municipal employee always breaks 5.2.3(3)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ODD_SIZES), (n) => {
        const q = quotaFor(n);
        const result = checkComposition(
          roster({ me: n - q.deputiesMin - q.citizensMin + 1, d: q.deputiesMin, c: q.citizensMin - 1 }),
          { on: ON },
        );
        expect(result.findings.map((f) => f.code)).toContain('citizens-below-half');
      }),
    );
  });
});
