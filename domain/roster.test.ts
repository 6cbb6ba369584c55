import { describe, expect, it } from 'vitest';
import { DomainError } from './domain-error';
import { LANGS } from './i18n';
import { formatPhoneKg, normalisePhoneKg, parseBirthDate, ROSTER_COLUMNS, validateRosterRows } from './roster';

const HEADER = [...ROSTER_COLUMNS];
const row = (over: Partial<Record<(typeof ROSTER_COLUMNS)[number], string>> = {}): string[] => {
  const base = {
    full_name: 'Асанова Гүлнара Токтосуновна',
    sex: 'F',
    birth_date: '12.03.1979',
    category: 'citizen',
    workplace: 'мектеп',
    village: 'Терек-Суу',
    phone: '0700 123 456',
    email: 'gulnara@example.org',
    ...over,
  };
  return ROSTER_COLUMNS.map((c) => base[c]);
};

function phoneRule(text: string): string {
  try {
    normalisePhoneKg(text);
    return 'valid';
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    return String(e.details.rule);
  }
}

describe('phone numbers: valid for Kyrgyzstan, normalised to E.164', () => {
  it.each([
    ['0700 123 456', '+996700123456'],
    ['0700123456', '+996700123456'],
    ['+996 555 123 456', '+996555123456'],
    ['+996555123456', '+996555123456'],
    ['(0700) 123-456', '+996700123456'],
    ['996 770 123 456', '+996770123456'],
    ['0999 123 456', '+996999123456'],
    ['0312 123 456', '+996312123456'],
  ])('%s → %s', (text, e164) => {
    expect(normalisePhoneKg(text)).toBe(e164);
  });

  it.each([
    ['0100 123 456', 'phone-invalid'],
    // The "min" metadata takes this for valid (length only); the full metadata knows no 900 range.
    ['+996 900 000 000', 'phone-invalid'],
    ['0700 12 345', 'phone-invalid'],
    ['+996 700 1234567', 'phone-invalid'],
    ['+7 700 123 4567', 'phone-not-kg'],
    ['0800 123 456', 'phone-type'],
    ['телефон жок', 'phone-format'],
    ['0700 123 456 ext. 5', 'phone-format'],
    ['+', 'phone-format'],
  ])('%s is refused: %s', (text, rule) => {
    expect(phoneRule(text)).toBe(rule);
  });

  it('formats national and international forms', () => {
    expect(formatPhoneKg('+996700123456', 'national')).toBe('0700 123 456');
    expect(formatPhoneKg('+996700123456', 'international')).toBe('+996 700 123 456');
    expect(formatPhoneKg('0555 123 456')).toBe('+996 555 123 456');
    expect(() => formatPhoneKg('+996900000000')).toThrow(DomainError);
  });
});

describe('birth dates: DD.MM.YYYY or YYYY, real, not in the future', () => {
  it.each([
    ['12.03.1979', { year: 1979, month: 3, day: 12 }],
    ['1.2.1990', { year: 1990, month: 2, day: 1 }],
    ['29.02.2000', { year: 2000, month: 2, day: 29 }],
    ['1990', { year: 1990 }],
  ])('%s is read as %o', (text, date) => {
    expect(parseBirthDate(text, '2026-03-01')).toEqual(date);
  });

  it.each([
    ['31.02.1990', 'real-date'],
    ['29.02.2001', 'real-date'],
    ['00.01.1990', 'real-date'],
    ['1990-03-12', 'format'],
    ['12/03/1990', 'format'],
    ['90', 'format'],
    ['12.03.1899', 'plausible-year'],
    ['02.03.2026', 'not-in-future'],
    ['2027', 'not-in-future'],
  ])('%s is refused: %s', (text, rule) => {
    let error: unknown;
    try {
      parseBirthDate(text, '2026-03-01');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'invalid-birth-date', details: { rule } });
  });

  it('the reference day itself and its year are not in the future', () => {
    expect(parseBirthDate('01.03.2026', '2026-03-01')).toEqual({ year: 2026, month: 3, day: 1 });
    expect(parseBirthDate('2026', '2026-03-01')).toEqual({ year: 2026 });
  });
});

describe('the header must be exactly full_name,sex,birth_date,category,workplace,village,phone,email', () => {
  it('a missing column is named', () => {
    const { errors, members } = validateRosterRows(
      HEADER.filter((c) => c !== 'phone'),
      [row()],
    );
    expect(members).toEqual([]);
    expect(errors).toMatchObject([{ row: 0, field: 'phone', rule: 'header-missing-column' }]);
    expect(errors[0]!.message.en).toContain('"phone" is missing');
  });
  it('an unknown column is named', () => {
    const { errors } = validateRosterRows([...HEADER.slice(0, 7), 'e-mail'], [row()]);
    expect(errors.map((e) => [e.field, e.rule])).toEqual([
      ['e-mail', 'header-unknown-column'],
      ['email', 'header-missing-column'],
    ]);
  });
  it('columns in another order are refused', () => {
    const { errors } = validateRosterRows(['sex', 'full_name', ...HEADER.slice(2)], []);
    expect(errors).toMatchObject([{ row: 0, field: 'header', rule: 'header-order' }]);
  });
  it('a column twice is refused', () => {
    const { errors } = validateRosterRows([...HEADER, 'phone'], []);
    expect(errors).toMatchObject([{ row: 0, field: 'phone', rule: 'header-duplicate-column' }]);
  });
  it('spaces and a byte-order mark around header cells are tolerated', () => {
    expect(validateRosterRows(['\uFEFFfull_name', ' sex ', ...HEADER.slice(2)], [row()]).errors).toEqual([]);
  });
});

describe('rows', () => {
  it('a good row becomes a member; empty optional fields become null; the phone is normalised', () => {
    const { members, errors } = validateRosterRows(HEADER, [
      row({ workplace: '', village: ' ', phone: '', email: '' }),
      row({ full_name: '  Бекмуратов   Азамат ', sex: 'm', category: 'Deputy', phone: '+996 555 123 456' }),
    ]);
    expect(errors).toEqual([]);
    expect(members).toEqual([
      {
        fullName: 'Асанова Гүлнара Токтосуновна',
        sex: 'F',
        birthDate: { year: 1979, month: 3, day: 12 },
        category: 'citizen',
        workplace: null,
        village: null,
        phone: null,
        email: null,
      },
      {
        fullName: 'Бекмуратов Азамат',
        sex: 'M',
        birthDate: { year: 1979, month: 3, day: 12 },
        category: 'deputy',
        workplace: 'мектеп',
        village: 'Терек-Суу',
        phone: '+996555123456',
        email: 'gulnara@example.org',
      },
    ]);
  });

  it('every bad field is reported with its 1-based row, column and rule; good rows are kept', () => {
    const { members, errors } = validateRosterRows(
      HEADER,
      [
        row(),
        row({
          full_name: '',
          sex: 'X',
          birth_date: '31.02.1990',
          category: 'elder',
          phone: '0100 123 456',
          email: 'not-an-email',
        }),
        row({ birth_date: '' }),
        ['too', 'few'],
      ],
      { today: '2026-03-01' },
    );
    expect(members).toHaveLength(1);
    expect(errors.map((e) => [e.row, e.field, e.rule])).toEqual([
      [2, 'full_name', 'required'],
      [2, 'sex', 'one-of'],
      [2, 'birth_date', 'real-date'],
      [2, 'category', 'one-of'],
      [2, 'phone', 'phone-invalid'],
      [2, 'email', 'email-format'],
      [3, 'birth_date', 'required'],
      [4, 'row', 'column-count'],
    ]);
    for (const e of errors) {
      for (const lang of LANGS) expect(e.message[lang]).toMatch(e.field === 'row' ? /8/ : new RegExp(`^${e.field}:`));
    }
  });

  it.each([
    ['a@b.kg', true],
    ['first.last@mail.example.org', true],
    ['nurlan@почта.кг', true],
    ['no-at-sign.kg', false],
    ['two@@signs.kg', false],
    ['spa ce@mail.kg', false],
    ['nodot@localhost', false],
    ['a@b..kg', false],
  ])('email %s plausible: %s', (email, ok) => {
    const { errors } = validateRosterRows(HEADER, [row({ email })]);
    expect(errors.length === 0).toBe(ok);
  });
});
