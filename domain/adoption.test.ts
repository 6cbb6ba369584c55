import { describe, expect, it } from 'vitest';
import { brokenClauses, checkAdoptionDates, checkNamedChair, recordedFinding } from './adoption';
import { checkComposition } from './composition';
import type { RosterMember } from './roster';

const member = (
  fullName: string,
  category: RosterMember['category'],
  extra: Partial<RosterMember> = {},
): RosterMember => ({
  fullName,
  sex: 'M',
  birthDate: { year: 1980, month: 5, day: 4 },
  category,
  workplace: null,
  village: null,
  phone: null,
  email: null,
  ...extra,
});

describe('the resolution of a group taken on', () => {
  const entry = { decisionNumber: '83', decidedOn: '2025-11-14', publishedOn: '2025-11-19', chair: null };

  it('counts the term from the publication (item 6: in force once published), 4 years (5.3.1)', () => {
    expect(checkAdoptionDates(entry, '2026-12-07').dates).toEqual({
      decisionNumber: '83',
      decidedOn: '2025-11-14',
      publishedOn: '2025-11-19',
      termStart: '2025-11-19',
      termEnd: '2029-11-19',
    });
  });

  it('counts from the date given when the resolution is in force from another date', () => {
    expect(checkAdoptionDates({ ...entry, termStartsOn: '2025-12-01' }, '2026-12-07').dates?.termEnd).toBe(
      '2029-12-01',
    );
  });

  it.each([
    ['a publication before the decision', { publishedOn: '2025-11-13' }, 'publishedOn', 'before-decision'],
    ['a publication after today', { publishedOn: '2026-12-08' }, 'publishedOn', 'after-today'],
    ['no number', { decisionNumber: '' }, 'decisionNumber', 'missing-decision-number'],
    ['a term that has ended', { decidedOn: '2022-12-01', publishedOn: '2022-12-07' }, 'publishedOn', 'term-ended'],
  ])('refuses %s', (_name, change, field, code) => {
    const { dates, problems } = checkAdoptionDates({ ...entry, ...change }, '2026-12-07');
    expect(dates).toBeUndefined();
    expect(problems.map((p) => [p.field, p.code])).toContainEqual([field, code]);
  });

  it('takes on a group whose term ends tomorrow, not one whose term ends today (5.3.1)', () => {
    expect(
      checkAdoptionDates({ ...entry, decidedOn: '2022-12-01', publishedOn: '2022-12-08' }, '2026-12-07').dates,
    ).toBeDefined();
  });
});

describe('the chair a resolution names (5.4.6)', () => {
  const members = [member('Асанов Бакыт', 'deputy'), member('Токтосунов Азамат', 'citizen')];
  it('is a citizen member, found by name whatever the spacing', () => {
    expect(checkNamedChair(' Токтосунов  Азамат ', members)).toEqual({ index: 1, problems: [] });
  });
  it('refuses a deputy and a name not in the list', () => {
    expect(checkNamedChair('Асанов Бакыт', members).problems[0]).toMatchObject({
      code: 'chair-not-citizen',
      clause: '5.4.6',
    });
    expect(checkNamedChair('Белгисиз', members).problems[0]).toMatchObject({
      code: 'chair-not-member',
      clause: '5.4.6',
    });
  });
  it('null: to be elected at a meeting', () => {
    expect(checkNamedChair(null, members)).toEqual({ index: null, problems: [] });
  });
});

describe("the findings kept on the group's record", () => {
  it('names 5.2.3(1) for too few municipal employees', () => {
    const five = [
      member('A', 'deputy', { sex: 'F' }),
      member('B', 'citizen', { sex: 'F' }),
      member('C', 'citizen'),
      member('D', 'citizen'),
      member('E', 'deputy'),
    ];
    const findings = checkComposition(five, { on: '2025-11-14' }).findings.map(recordedFinding);
    expect(brokenClauses(findings)).toEqual(['5.2.3(1)']);
  });

  it('keeps no birth date and no phone in its words', () => {
    const list = [
      member('Жаш Адам', 'citizen', { birthDate: { year: 2010, month: 3, day: 2 }, phone: '+996700310401' }),
      member('Экинчи', 'citizen', { phone: '+996700310401' }),
    ];
    const findings = checkComposition(list, { on: '2025-11-14' }).findings.map(recordedFinding);
    const words = JSON.stringify(findings);
    expect(findings.map((f) => f.code)).toEqual(expect.arrayContaining(['member-under-18', 'duplicate-phone']));
    for (const secret of ['02.03.2010', '2010', '310 401', '310401']) expect(words).not.toContain(secret);
    expect(words).toContain('Жаш Адам');
  });
});
