// The composition check of the group: size (5.2.1), age (5.2.1), category quotas and the share of
// one sex (5.2.3), the chair (5.4.6), and the same person or phone entered twice. The numbers are in
// regulation.ts. 5.2.2 (no discrimination) has nothing to check automatically, and no rule here looks
// at anything but what 5.2 names.
import { arithmeticText, AGE_RULE, compositionMessages, ROUNDING_RULE } from './composition-messages';
import type { ArithmeticRule, CompositionFindingCode, MemberRef } from './composition-messages';
import { compareDates, isIsoDate, parseIsoDate } from './dates';
import type { IsoDate } from './dates';
import { DomainError } from './domain-error';
import type { Localized } from './i18n';
import { birthDateRange, cleanText, formatBirthDate, formatPhoneKg, isRealBirthDate, nameKey } from './roster';
import type { BirthDate, Category, RosterMember, Sex } from './roster';
import {
  CITIZENS_SHARE,
  DEPUTIES_SHARE,
  exceedsShare,
  MAX_GROUP_SIZE,
  MIN_GROUP_SIZE,
  MIN_MEMBER_AGE,
  MUNICIPAL_EMPLOYEES_SHARE,
  ONE_SEX_MAX_SHARE,
  shareCeil,
  shareFloor,
} from './regulation';

export type { CompositionFindingCode, MemberRef } from './composition-messages';
export { AGE_RULE, ROUNDING_RULE } from './composition-messages';

/** Every finding code, for UIs and for tests that walk all of them. */
export const COMPOSITION_FINDING_CODES = Object.keys(compositionMessages) as CompositionFindingCode[];

export type Severity = 'violation' | 'warning';

export type Finding = {
  code: CompositionFindingCode;
  /** The clause broken, or null for data checks no clause names (the same phone twice). */
  clause: string | null;
  severity: Severity;
  numbers: Record<string, number>;
  member?: MemberRef;
  /** The earlier entry a duplicate repeats. */
  otherMember?: MemberRef;
  message: Localized;
};

export type ArithmeticLine = {
  rule: ArithmeticRule;
  clause: '5.2.3';
  required: number;
  actual: number;
  holds: boolean;
  text: Localized;
};

export type CompositionCounts = Record<Category | Sex, number>;

export type CompositionResult = {
  /** No violations (warnings allowed). */
  ok: boolean;
  size: number;
  counts: CompositionCounts;
  quota: Quota;
  rounding: Localized;
  ageRule: Localized;
  arithmetic: ArithmeticLine[];
  findings: Finding[];
};

/** 5.2.1: an odd number of members, MIN_GROUP_SIZE to MAX_GROUP_SIZE. */
export function isAllowedSize(n: number): boolean {
  return Number.isInteger(n) && n >= MIN_GROUP_SIZE && n <= MAX_GROUP_SIZE && n % 2 === 1;
}

export type Quota = {
  size: number;
  /** 5.2.3(1): at least 1/4, rounded down. */
  municipalEmployeesMin: number;
  /** 5.2.3(2): 1/4, read as a minimum rounded down. */
  deputiesMin: number;
  /** 5.2.3(2): more than 1/4 rounded up draws a warning. */
  deputiesMax: number;
  /** 5.2.3(3): at least half; a strict majority. */
  citizensMin: number;
  /** 5.2.3: one sex at most 70%. */
  maxOneSex: number;
  /** 5.2.1: odd, 5 to 15. */
  sizeAllowed: boolean;
};

/** The category quotas and the one-sex limit for a group of n members (5.2.3), rounded as ROUNDING_RULE states. */
export function quotaFor(n: number): Quota {
  if (!Number.isInteger(n) || n < 0)
    throw new DomainError('invalid-size', `size: ${n} is not a whole number of members`, { field: 'size' });
  return {
    size: n,
    municipalEmployeesMin: shareFloor(n, MUNICIPAL_EMPLOYEES_SHARE),
    deputiesMin: shareFloor(n, DEPUTIES_SHARE),
    deputiesMax: shareCeil(n, DEPUTIES_SHARE),
    citizensMin: shareFloor(n, CITIZENS_SHARE) + 1,
    maxOneSex: shareFloor(n, ONE_SEX_MAX_SHARE),
    sizeAllowed: isAllowedSize(n),
  };
}

/** 5.2.3: persons of one sex must not exceed 70% — exactly 70% is allowed (integer arithmetic: count × 10 > n × 7). */
export function exceedsOneSexLimit(countOfOneSex: number, size: number): boolean {
  return exceedsShare(countOfOneSex, size, ONE_SEX_MAX_SHARE);
}

/** The 18th birthday of someone born on `birth`; 29 February births turn 18 on 1 March (18 years after a leap year is never a leap year). */
export function eighteenthBirthday(birth: IsoDate): IsoDate {
  const year = String(Number(birth.slice(0, 4)) + MIN_MEMBER_AGE).padStart(4, '0');
  const candidate = `${year}${birth.slice(4)}`;
  return isIsoDate(candidate) ? candidate : `${year}-03-01`;
}

export type AgeStatus = {
  status: 'adult' | 'minor' | 'undetermined';
  /** The earliest and latest possible 18th birthday (equal for a full birth date). */
  turns18From: IsoDate;
  turns18By: IsoDate;
};

/** 5.2.1: whether someone is 18 or over on `on`; with a partial birth date, undetermined when the possible 18th birthdays straddle `on`. */
export function ageStatusOn(birthDate: BirthDate, on: IsoDate): AgeStatus {
  if (!isRealBirthDate(birthDate)) {
    throw new DomainError('invalid-birth-date', `birth_date: ${JSON.stringify(birthDate)} is not a real date`, {
      field: 'birth_date',
    });
  }
  const range = birthDateRange(birthDate);
  const turns18From = eighteenthBirthday(range.earliest);
  const turns18By = eighteenthBirthday(range.latest);
  const status =
    compareDates(turns18By, on) <= 0 ? 'adult' : compareDates(turns18From, on) > 0 ? 'minor' : 'undetermined';
  return { status, turns18From, turns18By };
}

function readablePhone(phone: string): string {
  try {
    return formatPhoneKg(phone);
  } catch {
    return phone;
  }
}

function sameBirthDatePossible(a: BirthDate, b: BirthDate): boolean {
  const ra = birthDateRange(a);
  const rb = birthDateRange(b);
  return compareDates(ra.earliest, rb.latest) <= 0 && compareDates(rb.earliest, ra.latest) <= 0;
}

/** A member as checked: a recorded member whose personal data was erased has no birth date (null). */
export type CheckedMember = Omit<RosterMember, 'birthDate'> & { birthDate: BirthDate | null };

/** Checks a list of members against 5.2.1, 5.2.3 and 5.4.6 on the reference date `on` (ages only where a birth date is known). */
export function checkComposition(members: CheckedMember[], opts: { on: IsoDate; chair?: string }): CompositionResult {
  const on = parseIsoDate(opts.on, 'on');
  const n = members.length;
  const quota = quotaFor(n);
  const findings: Finding[] = [];
  const add = (
    code: CompositionFindingCode,
    clause: string | null,
    severity: Severity,
    numbers: Record<string, number>,
    message: Localized,
    refs: { member?: MemberRef; otherMember?: MemberRef } = {},
  ) => findings.push({ code, clause, severity, numbers, ...refs, message });
  const ref = (index: number): MemberRef => ({ index, fullName: members[index]!.fullName });

  // 5.2.1: an odd number, MIN_GROUP_SIZE to MAX_GROUP_SIZE.
  if (n % 2 === 0) add('size-even', '5.2.1', 'violation', { size: n }, compositionMessages['size-even']({ size: n }));
  if (n < MIN_GROUP_SIZE)
    add(
      'size-too-small',
      '5.2.1',
      'violation',
      { size: n, min: MIN_GROUP_SIZE },
      compositionMessages['size-too-small']({ size: n, min: MIN_GROUP_SIZE }),
    );
  if (n > MAX_GROUP_SIZE)
    add(
      'size-too-large',
      '5.2.1',
      'violation',
      { size: n, max: MAX_GROUP_SIZE },
      compositionMessages['size-too-large']({ size: n, max: MAX_GROUP_SIZE }),
    );

  // 5.2.1: aged 18 or over on the reference date.
  members.forEach((m, i) => {
    if (m.birthDate === null) return;
    const age = ageStatusOn(m.birthDate, on);
    const birthDate = formatBirthDate(m.birthDate);
    if (age.status === 'minor') {
      add(
        'member-under-18',
        '5.2.1',
        'violation',
        { birthYear: m.birthDate.year },
        compositionMessages['member-under-18']({ member: ref(i), birthDate, turns18: age.turns18From, on }),
        { member: ref(i) },
      );
    } else if (age.status === 'undetermined') {
      add(
        'member-age-undetermined',
        '5.2.1',
        'warning',
        { birthYear: m.birthDate.year },
        compositionMessages['member-age-undetermined']({
          member: ref(i),
          birthDate,
          from: age.turns18From,
          to: age.turns18By,
          on,
        }),
        { member: ref(i) },
      );
    }
  });

  const counts: CompositionCounts = { municipal_employee: 0, deputy: 0, citizen: 0, M: 0, F: 0 };
  for (const m of members) {
    counts[m.category] += 1;
    counts[m.sex] += 1;
  }

  // 5.2.3(1)-(3): the category quotas.
  const arithmetic: ArithmeticLine[] = [];
  const line = (rule: ArithmeticRule, required: number, actual: number, holds: boolean) =>
    arithmetic.push({
      rule,
      clause: '5.2.3',
      required,
      actual,
      holds,
      text: arithmeticText(rule, n, required, actual),
    });
  line(
    'municipal-employees-min',
    quota.municipalEmployeesMin,
    counts.municipal_employee,
    counts.municipal_employee >= quota.municipalEmployeesMin,
  );
  line('deputies-min', quota.deputiesMin, counts.deputy, counts.deputy >= quota.deputiesMin);
  line('deputies-max', quota.deputiesMax, counts.deputy, counts.deputy <= quota.deputiesMax);
  line('citizens-min', quota.citizensMin, counts.citizen, counts.citizen >= quota.citizensMin);
  line('women-max', quota.maxOneSex, counts.F, !exceedsOneSexLimit(counts.F, n));
  line('men-max', quota.maxOneSex, counts.M, !exceedsOneSexLimit(counts.M, n));

  if (counts.municipal_employee < quota.municipalEmployeesMin) {
    const p = { size: n, required: quota.municipalEmployeesMin, found: counts.municipal_employee };
    add(
      'municipal-employees-below-quota',
      '5.2.3',
      'violation',
      p,
      compositionMessages['municipal-employees-below-quota'](p),
    );
  }
  if (counts.deputy < quota.deputiesMin) {
    const p = { size: n, required: quota.deputiesMin, found: counts.deputy };
    add('deputies-below-quota', '5.2.3', 'violation', p, compositionMessages['deputies-below-quota'](p));
  }
  if (counts.deputy > quota.deputiesMax) {
    const p = { size: n, max: quota.deputiesMax, found: counts.deputy };
    add('deputies-above-quarter', '5.2.3', 'warning', p, compositionMessages['deputies-above-quarter'](p));
  }
  if (counts.citizen < quota.citizensMin) {
    const p = { size: n, required: quota.citizensMin, found: counts.citizen };
    add('citizens-below-half', '5.2.3', 'violation', p, compositionMessages['citizens-below-half'](p));
  }

  // 5.2.3: one sex at most 70%.
  for (const sex of ['F', 'M'] as const) {
    if (exceedsOneSexLimit(counts[sex], n)) {
      const p = { size: n, found: counts[sex], max: quota.maxOneSex };
      add(
        'one-sex-over-70-percent',
        '5.2.3',
        'violation',
        p,
        compositionMessages['one-sex-over-70-percent']({ ...p, sex }),
      );
    }
  }

  // 5.4.6: the chair is elected from the citizen members.
  if (opts.chair !== undefined) {
    const chair = cleanText(opts.chair);
    const matches = members.flatMap((m, i) => (nameKey(m.fullName) === nameKey(chair) ? [i] : []));
    if (matches.length === 0) {
      add('chair-not-member', '5.4.6', 'violation', {}, compositionMessages['chair-not-member']({ chair }));
    } else if (!matches.some((i) => members[i]!.category === 'citizen')) {
      const i = matches[0]!;
      add(
        'chair-not-citizen',
        '5.4.6',
        'violation',
        {},
        compositionMessages['chair-not-citizen']({ member: ref(i), category: members[i]!.category }),
        { member: ref(i) },
      );
    }
  }

  // The same person twice inflates the size (5.2.1); the same phone twice is a data warning (no clause names it).
  members.forEach((m, j) => {
    const key = nameKey(m.fullName);
    const earlier = members
      .slice(0, j)
      .map((o, i) => ({ o, i }))
      .filter(({ o }) => nameKey(o.fullName) === key);
    const mb = m.birthDate;
    const same =
      mb === null ? undefined : earlier.find(({ o }) => o.birthDate !== null && sameBirthDatePossible(o.birthDate, mb));
    const birthText = (b: BirthDate | null) => (b === null ? '—' : formatBirthDate(b));
    if (same) {
      add(
        'duplicate-person',
        '5.2.1',
        'violation',
        {},
        compositionMessages['duplicate-person']({
          member: ref(j),
          other: ref(same.i),
          birthDate: birthText(m.birthDate),
        }),
        { member: ref(j), otherMember: ref(same.i) },
      );
    } else if (earlier[0]) {
      const { o, i } = earlier[0];
      add(
        'same-name',
        '5.2.1',
        'warning',
        {},
        compositionMessages['same-name']({
          member: ref(j),
          other: ref(i),
          birthDate: birthText(m.birthDate),
          otherBirthDate: birthText(o.birthDate),
        }),
        { member: ref(j), otherMember: ref(i) },
      );
    }
    if (m.phone !== null) {
      const i = members.findIndex((o) => o.phone === m.phone);
      if (i < j) {
        add(
          'duplicate-phone',
          null,
          'warning',
          {},
          compositionMessages['duplicate-phone']({ member: ref(j), other: ref(i), phone: readablePhone(m.phone) }),
          { member: ref(j), otherMember: ref(i) },
        );
      }
    }
  });

  return {
    ok: !findings.some((f) => f.severity === 'violation'),
    size: n,
    counts,
    quota,
    rounding: ROUNDING_RULE,
    ageRule: AGE_RULE,
    arithmetic,
    findings,
  };
}
