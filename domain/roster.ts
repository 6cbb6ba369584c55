// The member/candidate list of the group (5.2) and the validation of its rows, as they come from a
// CSV file parsed by the caller: `full_name,sex,birth_date,category,workplace,village,phone,email`.
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { PhoneNumber } from 'libphonenumber-js/max';
import { compareDates, isIsoDate } from './dates';
import type { IsoDate } from './dates';
import { DomainError } from './domain-error';
import type { Localized } from './i18n';

/** 5.2.3: the three categories of members. */
export type Category = 'municipal_employee' | 'deputy' | 'citizen';
export const CATEGORIES: readonly Category[] = ['municipal_employee', 'deputy', 'citizen'];

export const CATEGORY_LABELS: Record<Category, Localized> = {
  municipal_employee: {
    ky: 'аткаруу органынын муниципалдык кызматкери',
    ru: 'муниципальный служащий исполнительного органа',
    en: 'municipal employee of the executive body',
  },
  deputy: { ky: 'жергиликтүү кеңештин депутаты', ru: 'депутат местного кенеша', en: 'council deputy' },
  citizen: {
    ky: 'жарандардын жана алардын бирикмелеринин өкүлү',
    ru: 'представитель граждан и их объединений',
    en: 'representative of citizens and their associations',
  },
};

export type Sex = 'M' | 'F';

/** A birth date; the year alone is allowed (lists often hold only the year). */
export type BirthDate = { year: number; month?: number; day?: number };

export type RosterMember = {
  fullName: string;
  sex: Sex;
  birthDate: BirthDate;
  category: Category;
  workplace: string | null;
  village: string | null;
  /** E.164, '+996...'. */
  phone: string | null;
  email: string | null;
};

/** The CSV columns, in this order. */
export const ROSTER_COLUMNS = [
  'full_name',
  'sex',
  'birth_date',
  'category',
  'workplace',
  'village',
  'phone',
  'email',
] as const;
export type RosterColumn = (typeof ROSTER_COLUMNS)[number];

export type RosterRowError = {
  /** 1-based data row; the header is row 0. */
  row: number;
  /** A column name, or 'header' / 'row' for errors of the whole line. */
  field: string;
  rule: string;
  message: Localized;
};

export type RosterValidation = { members: RosterMember[]; errors: RosterRowError[] };

const loc = (ky: string, ru: string, en: string): Localized => ({ ky, ru, en });

const EXPECTED_HEADER = ROSTER_COLUMNS.join(',');

/** Trims and collapses inner whitespace; NFC so that composed and decomposed letters compare equal. */
export function cleanText(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/** The key two names are compared by: cleaned and case-folded. */
export function nameKey(fullName: string): string {
  return cleanText(fullName).toLocaleLowerCase('ru').replace(/ё/gu, 'е');
}

/** Checks the header line: exactly the eight columns, in order. */
function validateHeader(header: string[]): RosterRowError[] {
  const cells = header.map((c) => cleanText(c.replace(/^\uFEFF/u, '')));
  const errors: RosterRowError[] = [];
  const err = (field: string, rule: string, message: Localized) => errors.push({ row: 0, field, rule, message });
  const seen = new Set<string>();
  for (const cell of cells) {
    if (seen.has(cell)) {
      err(
        cell,
        'header-duplicate-column',
        loc(
          `баш сап: "${cell}" тилкеси эки жолу жазылган; күтүлгөн баш сап: ${EXPECTED_HEADER}`,
          `заголовок: столбец "${cell}" указан дважды; ожидается заголовок: ${EXPECTED_HEADER}`,
          `header: column "${cell}" appears twice; expected header: ${EXPECTED_HEADER}`,
        ),
      );
    }
    seen.add(cell);
    if (!(ROSTER_COLUMNS as readonly string[]).includes(cell)) {
      err(
        cell || '(empty)',
        'header-unknown-column',
        loc(
          `баш сап: "${cell}" деген тилке белгисиз; күтүлгөн баш сап: ${EXPECTED_HEADER}`,
          `заголовок: неизвестный столбец "${cell}"; ожидается заголовок: ${EXPECTED_HEADER}`,
          `header: unknown column "${cell}"; expected header: ${EXPECTED_HEADER}`,
        ),
      );
    }
  }
  for (const column of ROSTER_COLUMNS) {
    if (!seen.has(column)) {
      err(
        column,
        'header-missing-column',
        loc(
          `баш сап: "${column}" тилкеси жок; күтүлгөн баш сап: ${EXPECTED_HEADER}`,
          `заголовок: нет столбца "${column}"; ожидается заголовок: ${EXPECTED_HEADER}`,
          `header: column "${column}" is missing; expected header: ${EXPECTED_HEADER}`,
        ),
      );
    }
  }
  if (errors.length === 0 && cells.join(',') !== EXPECTED_HEADER) {
    err(
      'header',
      'header-order',
      loc(
        `баш сап: тилкелердин тартиби туура эмес ("${cells.join(',')}"); күтүлгөн: ${EXPECTED_HEADER}`,
        `заголовок: неверный порядок столбцов ("${cells.join(',')}"); ожидается: ${EXPECTED_HEADER}`,
        `header: the columns are in the wrong order ("${cells.join(',')}"); expected: ${EXPECTED_HEADER}`,
      ),
    );
  }
  return errors;
}

const BIRTH_DATE_FULL = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/u;
const BIRTH_YEAR = /^(\d{4})$/u;
/** The earliest birth year taken as plausible; older entries are typing errors. */
export const EARLIEST_BIRTH_YEAR = 1900;

/** Whether a birth date names a real day (or month, or year). */
export function isRealBirthDate(b: BirthDate): boolean {
  if (!Number.isInteger(b.year) || b.year < 1 || b.year > 9999) return false;
  if (b.month === undefined) return b.day === undefined;
  if (!Number.isInteger(b.month) || b.month < 1 || b.month > 12) return false;
  if (b.day === undefined) return true;
  return isIsoDate(`${pad(b.year, 4)}-${pad(b.month, 2)}-${pad(b.day, 2)}`);
}

/** The earliest and the latest day the birth date can stand for (a year alone spans the whole year). */
export function birthDateRange(b: BirthDate): { earliest: IsoDate; latest: IsoDate } {
  const y = pad(b.year, 4);
  if (b.month === undefined) return { earliest: `${y}-01-01`, latest: `${y}-12-31` };
  const m = pad(b.month, 2);
  if (b.day === undefined) {
    const last = new Date(Date.UTC(b.year, b.month, 0)).getUTCDate();
    return { earliest: `${y}-${m}-01`, latest: `${y}-${m}-${pad(last, 2)}` };
  }
  const d = `${y}-${m}-${pad(b.day, 2)}`;
  return { earliest: d, latest: d };
}

/** 'DD.MM.YYYY', 'MM.YYYY' or 'YYYY', the form the list uses. */
export function formatBirthDate(b: BirthDate): string {
  if (b.month === undefined) return pad(b.year, 4);
  if (b.day === undefined) return `${pad(b.month, 2)}.${pad(b.year, 4)}`;
  return `${pad(b.day, 2)}.${pad(b.month, 2)}.${pad(b.year, 4)}`;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Parses `DD.MM.YYYY` or `YYYY`; refuses impossible dates and, given `today`, dates after it. */
export function parseBirthDate(text: string, today?: IsoDate): BirthDate {
  const t = cleanText(text);
  const full = BIRTH_DATE_FULL.exec(t);
  const yearOnly = BIRTH_YEAR.exec(t);
  let b: BirthDate;
  if (full) b = { year: Number(full[3]), month: Number(full[2]), day: Number(full[1]) };
  else if (yearOnly) b = { year: Number(yearOnly[1]) };
  else {
    throw new DomainError('invalid-birth-date', `birth_date: "${t}" is not DD.MM.YYYY or YYYY`, {
      rule: 'format',
      value: t,
    });
  }
  if (!isRealBirthDate(b)) {
    throw new DomainError('invalid-birth-date', `birth_date: "${t}" is not a real date`, {
      rule: 'real-date',
      value: t,
    });
  }
  if (b.year < EARLIEST_BIRTH_YEAR) {
    throw new DomainError('invalid-birth-date', `birth_date: year ${b.year} is before ${EARLIEST_BIRTH_YEAR}`, {
      rule: 'plausible-year',
      value: t,
    });
  }
  if (today !== undefined && compareDates(birthDateRange(b).earliest, today) > 0) {
    throw new DomainError('invalid-birth-date', `birth_date: "${t}" is in the future`, {
      rule: 'not-in-future',
      value: t,
    });
  }
  return b;
}

const PERSONAL_PHONE_TYPES = new Set(['MOBILE', 'FIXED_LINE', 'FIXED_LINE_OR_MOBILE', 'PERSONAL_NUMBER', 'VOIP']);
const PHONE_CHARACTERS = /^[+\d\s\-().]+$/u;

/**
 * Normalises a Kyrgyz phone number to E.164 ('+996700123456'). Accepts the national form
 * `0XXX XXX XXX` and the international `+996 XXX XXX XXX` (spaces, dashes, brackets allowed).
 * Validated against libphonenumber's full ("max") metadata: the "min" metadata checks only the
 * length and lets numbers such as +996 900 000 000 through.
 */
export function normalisePhoneKg(text: string): string {
  const t = cleanText(text);
  const fail = (rule: string, message: string): never => {
    throw new DomainError('invalid-phone', `phone: "${t}" ${message}`, { rule, value: t });
  };
  if (!PHONE_CHARACTERS.test(t)) fail('phone-format', 'is not a phone number');
  const parsed: PhoneNumber | undefined = parsePhoneNumberFromString(t, 'KG');
  if (!parsed) return fail('phone-format', 'is not a phone number');
  if (parsed.countryCallingCode !== '996') fail('phone-not-kg', 'is not a Kyrgyz number (+996)');
  if (!parsed.isValid()) fail('phone-invalid', 'is not a valid Kyrgyz number');
  const type = parsed.getType();
  if (type !== undefined && !PERSONAL_PHONE_TYPES.has(type))
    fail('phone-type', `is a ${type.toLowerCase().replace(/_/gu, '-')} number, not a personal one`);
  return parsed.number;
}

/** Formats a Kyrgyz number: national `0700 123 456` or international `+996 700 123 456`. */
export function formatPhoneKg(phone: string, style: 'national' | 'international' = 'international'): string {
  const parsed = parsePhoneNumberFromString(cleanText(phone), 'KG');
  if (!parsed || parsed.countryCallingCode !== '996' || !parsed.isValid()) {
    throw new DomainError('invalid-phone', `phone: "${phone}" is not a valid Kyrgyz number`, {
      rule: 'phone-invalid',
      value: phone,
    });
  }
  return style === 'national' ? parsed.formatNational() : parsed.formatInternational();
}

const EMAIL = /^[^\s@",;<>()[\]\\]+@[^\s@",;<>()[\]\\]+\.[^\s@",;<>()[\]\\.]{2,}$/u;

/** A syntactically plausible address: one @, a dot in the domain, no spaces; at most 254 characters. */
export function isPlausibleEmail(text: string): boolean {
  return text.length <= 254 && EMAIL.test(text) && !text.includes('..');
}

const PHONE_RULE_TEXT: Record<string, Localized> = {
  'phone-format': loc('телефон номери эмес', 'не номер телефона', 'is not a phone number'),
  'phone-not-kg': loc(
    'Кыргызстандын номери эмес (+996)',
    'не номер Кыргызстана (+996)',
    'is not a Kyrgyz number (+996)',
  ),
  'phone-invalid': loc(
    'Кыргызстандын жарактуу номери эмес',
    'не действительный номер Кыргызстана',
    'is not a valid Kyrgyz number',
  ),
  'phone-type': loc(
    'жеке номер эмес (мисалы, акысыз линия)',
    'не личный номер (например, бесплатная линия)',
    'is not a personal number (e.g. a toll-free line)',
  ),
};

const BIRTH_RULE_TEXT: Record<string, Localized> = {
  format: loc('КК.АА.ЖЖЖЖ же ЖЖЖЖ түрүндө эмес', 'не в виде ДД.ММ.ГГГГ или ГГГГ', 'is not DD.MM.YYYY or YYYY'),
  'real-date': loc('мындай күн жок', 'такой даты не существует', 'is not a real date'),
  'plausible-year': loc(
    `${EARLIEST_BIRTH_YEAR}-жылдан мурун`,
    `раньше ${EARLIEST_BIRTH_YEAR} года`,
    `is before ${EARLIEST_BIRTH_YEAR}`,
  ),
  'not-in-future': loc('келечектеги күн', 'дата в будущем', 'is in the future'),
};

/**
 * Validates the header and the rows of a roster file. Rows are numbered from 1 after the header
 * (row 0). Every bad field is reported with its column and rule; only rows without errors become
 * members. With `today`, birth dates after it are refused.
 */
export function validateRosterRows(
  header: string[],
  rows: string[][],
  opts: { today?: IsoDate } = {},
): RosterValidation {
  const headerErrors = validateHeader(header);
  if (headerErrors.length > 0) return { members: [], errors: headerErrors };
  const members: RosterMember[] = [];
  const errors: RosterRowError[] = [];
  rows.forEach((cells, i) => {
    const row = i + 1;
    const rowErrors: RosterRowError[] = [];
    const err = (field: RosterColumn | 'row', rule: string, message: Localized) =>
      rowErrors.push({ row, field, rule, message });
    if (cells.length !== ROSTER_COLUMNS.length) {
      err(
        'row',
        'column-count',
        loc(
          `${cells.length} талаа бар, ${ROSTER_COLUMNS.length} болушу керек (${EXPECTED_HEADER})`,
          `полей ${cells.length}, должно быть ${ROSTER_COLUMNS.length} (${EXPECTED_HEADER})`,
          `has ${cells.length} fields, expected ${ROSTER_COLUMNS.length} (${EXPECTED_HEADER})`,
        ),
      );
      errors.push(...rowErrors);
      return;
    }
    const cell = (column: RosterColumn) => cleanText(cells[ROSTER_COLUMNS.indexOf(column)] ?? '');
    const optional = (column: RosterColumn) => cell(column) || null;
    const required = (column: RosterColumn): string | null => {
      const v = cell(column);
      if (!v)
        err(
          column,
          'required',
          loc(`${column}: толтурулушу керек`, `${column}: обязательное поле`, `${column}: required`),
        );
      return v || null;
    };

    const fullName = required('full_name');
    if (fullName !== null && fullName.length > 200) {
      err(
        'full_name',
        'too-long',
        loc('full_name: 200 белгиден ашык', 'full_name: длиннее 200 символов', 'full_name: longer than 200 characters'),
      );
    }

    const sexText = required('sex');
    const sex = sexText === null ? null : sexText.toUpperCase();
    if (sex !== null && sex !== 'M' && sex !== 'F') {
      err(
        'sex',
        'one-of',
        loc(
          `sex: "${sexText}" — M (эркек) же F (аял) болушу керек`,
          `sex: "${sexText}" — должно быть M (мужчина) или F (женщина)`,
          `sex: "${sexText}" must be M (male) or F (female)`,
        ),
      );
    }

    const birthText = required('birth_date');
    let birthDate: BirthDate | null = null;
    if (birthText !== null) {
      try {
        birthDate = parseBirthDate(birthText, opts.today);
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        const rule = String(e.details.rule);
        const text = BIRTH_RULE_TEXT[rule] ?? BIRTH_RULE_TEXT.format!;
        err(
          'birth_date',
          rule,
          loc(
            `birth_date: "${birthText}" ${text.ky}`,
            `birth_date: "${birthText}" ${text.ru}`,
            `birth_date: "${birthText}" ${text.en}`,
          ),
        );
      }
    }

    const categoryText = required('category');
    const category = categoryText === null ? null : categoryText.toLowerCase();
    if (category !== null && !(CATEGORIES as readonly string[]).includes(category)) {
      err(
        'category',
        'one-of',
        loc(
          `category: "${categoryText}" — ${CATEGORIES.join(', ')} болушу керек`,
          `category: "${categoryText}" — должно быть одно из: ${CATEGORIES.join(', ')}`,
          `category: "${categoryText}" must be one of ${CATEGORIES.join(', ')}`,
        ),
      );
    }

    const phoneText = optional('phone');
    let phone: string | null = null;
    if (phoneText !== null) {
      try {
        phone = normalisePhoneKg(phoneText);
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        const rule = String(e.details.rule);
        const text = PHONE_RULE_TEXT[rule] ?? PHONE_RULE_TEXT['phone-format']!;
        const forms = '0XXX XXX XXX, +996 XXX XXX XXX';
        err(
          'phone',
          rule,
          loc(
            `phone: "${phoneText}" ${text.ky} (${forms})`,
            `phone: "${phoneText}" ${text.ru} (${forms})`,
            `phone: "${phoneText}" ${text.en} (${forms})`,
          ),
        );
      }
    }

    const email = optional('email');
    if (email !== null && !isPlausibleEmail(email)) {
      err(
        'email',
        'email-format',
        loc(
          `email: "${email}" электрондук почтанын дареги эмес`,
          `email: "${email}" не адрес электронной почты`,
          `email: "${email}" is not an email address`,
        ),
      );
    }

    if (rowErrors.length > 0 || fullName === null || birthDate === null) {
      errors.push(...rowErrors);
      return;
    }
    members.push({
      fullName,
      sex: sex as Sex,
      birthDate,
      category: category as Category,
      workplace: optional('workplace'),
      village: optional('village'),
      phone,
      email,
    });
  });
  return { members, errors };
}
