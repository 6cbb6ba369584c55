import { describe, expect, it } from 'vitest';
import { DomainError } from './domain-error';
import { LANGS } from './i18n';
import {
  formatPhoneKg,
  matchHeader,
  normalisePhoneKg,
  parseBirthDate,
  parseCategory,
  parseSex,
  ROSTER_COLUMNS,
  rowLabel,
  sharedPhoneWarnings,
  templateHeader,
  validateRosterRows,
} from './roster';

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

describe('the header: the eight columns in any order, in Kyrgyz, Russian or English', () => {
  it('a missing required column is an error naming the column in each language', () => {
    const { errors, members } = validateRosterRows(
      HEADER.filter((c) => c !== 'sex'),
      [row().filter((_, i) => i !== 1)],
    );
    expect(members).toEqual([]);
    expect(errors).toMatchObject([{ row: 0, field: 'sex', rule: 'header-missing-column' }]);
    expect(errors[0]!.message).toMatchObject({
      ky: expect.stringContaining('«Жынысы» тилкеси жок') as string,
      ru: expect.stringContaining('нет столбца «Пол»') as string,
      en: expect.stringContaining('the column "Sex" is missing') as string,
    });
  });
  it('a missing optional column is a warning and the rows are read without it', () => {
    const { errors, warnings, members } = validateRosterRows(
      HEADER.filter((c) => c !== 'email'),
      [row().slice(0, 7)],
    );
    expect(errors).toEqual([]);
    expect(warnings).toMatchObject([{ row: 0, field: 'email', rule: 'header-missing-column' }]);
    expect(members[0]!.email).toBeNull();
  });
  it('an unknown column is a warning and is not read; a running-number column is ignored', () => {
    const { errors, warnings, members } = validateRosterRows(
      ['№', ...HEADER, 'Эскертүү'],
      [['1', ...row(), 'бир нерсе']],
    );
    expect(errors).toEqual([]);
    expect(warnings).toMatchObject([{ row: 0, field: 'Эскертүү', rule: 'header-unknown-column' }]);
    expect(members).toHaveLength(1);
  });
  it('columns in another order are read by their headers', () => {
    const { errors, members } = validateRosterRows(
      ['sex', 'full_name', ...HEADER.slice(2)],
      [['F', 'Асанова Гүлнара', ...row().slice(2)]],
    );
    expect(errors).toEqual([]);
    expect(members[0]).toMatchObject({ fullName: 'Асанова Гүлнара', sex: 'F' });
  });
  it('a column twice is an error', () => {
    const { errors } = validateRosterRows([...HEADER, 'Телефон'], []);
    expect(errors).toMatchObject([{ row: 0, field: 'phone', rule: 'header-duplicate-column' }]);
  });
  it('spaces and a byte-order mark around header cells are tolerated', () => {
    expect(validateRosterRows(['\uFEFFfull_name', ' sex ', ...HEADER.slice(2)], [row()]).errors).toEqual([]);
  });
  it.each(['ky', 'ru', 'en'] as const)('the %s template header reads back as the eight columns', (lang) => {
    const header = templateHeader(lang);
    expect(header.map(matchHeader)).toEqual([...ROSTER_COLUMNS]);
    expect(templateHeader(lang, { votes: true }).map(matchHeader)).toEqual([...ROSTER_COLUMNS, 'votes']);
  });
  it.each([
    ['ФИО', 'full_name'],
    ['Фамилия, имя, отчество', 'full_name'],
    ['Аты-жөнү', 'full_name'],
    ['ТУУЛГАН КҮНҮ', 'birth_date'],
    ['Дата  рождения', 'birth_date'],
    ['Место работы', 'workplace'],
    ['Айылы', 'village'],
    ['E-mail', 'email'],
    ['Эл. почта', 'email'],
    ['Голоса', 'votes'],
    ['Добуштар', 'votes'],
    ['Телефон:', 'phone'],
    ['Заметки', null],
  ])('header %s is %s', (cell, column) => {
    expect(matchHeader(cell)).toBe(column);
  });
});

describe('category and sex values in Kyrgyz, Russian or English', () => {
  it.each([
    ['municipal_employee', 'municipal_employee'],
    ['Муниципалдык кызматчы', 'municipal_employee'],
    ['муниципальный служащий', 'municipal_employee'],
    ['Municipal employee', 'municipal_employee'],
    ['депутат', 'deputy'],
    ['Deputy', 'deputy'],
    ['жергиликтүү кеңештин депутаты', 'deputy'],
    ['жарандардын өкүлү', 'citizen'],
    ['Представитель граждан', 'citizen'],
    ['citizen', 'citizen'],
    ['старейшина', null],
  ])('category %s is %s', (text, category) => {
    expect(parseCategory(text)).toBe(category);
  });
  it.each([
    ['M', 'M'],
    ['f', 'F'],
    ['эркек', 'M'],
    ['Аял', 'F'],
    ['мужской', 'M'],
    ['Ж', 'F'],
    ['М', 'M'],
    ['female', 'F'],
    ['X', null],
  ])('sex %s is %s', (text, sex) => {
    expect(parseSex(text)).toBe(sex);
  });
  it('a Russian file is read as the English one', () => {
    const ru = validateRosterRows(templateHeader('ru'), [
      ['Асанова Гүлнара', 'женский', '12.03.1979', 'представитель граждан', 'мектеп', 'Терек-Суу', '0700 123 456', ''],
    ]);
    expect(ru.errors).toEqual([]);
    expect(ru.members[0]).toMatchObject({ sex: 'F', category: 'citizen', phone: '+996700123456' });
  });
  it('an unknown category names the accepted values in the language', () => {
    const { errors } = validateRosterRows(HEADER, [row({ category: 'аксакал' })]);
    expect(errors).toMatchObject([{ row: 1, field: 'category', rule: 'one-of' }]);
    expect(errors[0]!.message.ru).toBe(
      'Категория: «аксакал» — должно быть одно из: муниципальный служащий, депутат, представитель граждан (5.2.3)',
    );
  });
});

describe('rows', () => {
  it('a good row becomes a member; the phone is normalised; empty fields become null', () => {
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

  it('a row that cannot be read is an error per bad field, with its 1-based row, column, rule and the name', () => {
    const { members, errors } = validateRosterRows(
      HEADER,
      [
        row(),
        row({
          full_name: '',
          sex: 'X',
          birth_date: '31.02.1990',
          category: 'elder',
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
      [2, 'email', 'email-format'],
      [3, 'birth_date', 'required'],
      [4, 'row', 'column-count'],
    ]);
    expect(errors.find((e) => e.row === 3)!.fullName).toBe('Асанова Гүлнара Токтосуновна');
    const labels = { ky: 'Туулган күнү', ru: 'Дата рождения', en: 'Birth date' };
    const real = errors.find((e) => e.rule === 'real-date')!;
    for (const lang of LANGS) expect(real.message[lang].startsWith(`${labels[lang]}: `)).toBe(true);
  });

  it('what real lists lack is a warning naming the row, and the row is kept with the value as written', () => {
    const { members, errors, warnings } = validateRosterRows(
      HEADER,
      [
        row(),
        row({ full_name: 'Садыкова Айжан', phone: '0772 11 120' }),
        row({ full_name: 'Осмонов Эрлан', birth_date: '1972', workplace: '', village: '' }),
      ],
      { today: '2026-03-01' },
    );
    expect(errors).toEqual([]);
    expect(members).toHaveLength(3);
    expect(members[1]!.phone).toBe('0772 11 120');
    expect(members[2]).toMatchObject({ birthDate: { year: 1972 }, workplace: null, village: null });
    expect(warnings.map((w) => [w.row, w.fullName, w.field, w.rule])).toEqual([
      [2, 'Садыкова Айжан', 'phone', 'phone-invalid'],
      [3, 'Осмонов Эрлан', 'birth_date', 'birth-year-only'],
      [3, 'Осмонов Эрлан', 'workplace', 'workplace-missing'],
      [3, 'Осмонов Эрлан', 'village', 'village-missing'],
    ]);
    expect(warnings[0]!.message.en).toBe(
      'Phone: "0772 11 120" is not a valid Kyrgyz number (0XXX XXX XXX, +996 XXX XXX XXX); kept as written, check and correct it',
    );
    expect(rowLabel(2, 'Садыкова Айжан', 3)).toEqual({
      ky: '2-жазуу (файлдын 3-сабы, Садыкова Айжан)',
      ru: 'запись 2 (строка 3, Садыкова Айжан)',
      en: 'row 2 (line 3, Садыкова Айжан)',
    });
  });

  it('one phone in two rows is a warning on the later row naming the earlier', () => {
    const { members, memberRows } = validateRosterRows(HEADER, [
      row({ full_name: 'Жээнбеков Данияр' }),
      row({ full_name: 'Асанова Гүлнара', phone: '0701 111 213' }),
      row({ full_name: 'Бекмуратов Азамат', phone: '+996 701 111 213' }),
    ]);
    const shared = sharedPhoneWarnings(members, memberRows);
    expect(shared).toMatchObject([{ row: 3, fullName: 'Бекмуратов Азамат', field: 'phone', rule: 'phone-shared' }]);
    expect(shared[0]!.message.en).toBe(
      'Phone: +996 701 111 213 is the same number as row 2 (Асанова Гүлнара); each member needs their own number',
    );
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
