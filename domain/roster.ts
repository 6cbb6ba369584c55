// The member/candidate list of the group (5.2) and the validation of its rows, as they come from a
// CSV file parsed by the caller: `full_name,sex,birth_date,category,workplace,village,phone,email`.
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { PhoneNumber } from 'libphonenumber-js/max';
import { compareDates, isIsoDate } from './dates';
import type { IsoDate } from './dates';
import { DomainError } from './domain-error';
import { loc, type Lang, type Localized } from './i18n';

/** 5.2.3: the three categories of members. */
export type Category = 'municipal_employee' | 'deputy' | 'citizen';
export const CATEGORIES: readonly Category[] = ['municipal_employee', 'deputy', 'citizen'];

export const CATEGORY_LABELS: Record<Category, Localized> = {
  municipal_employee: {
    ky: 'аткаруу органынын муниципалдык кызматчысы',
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

/** The CSV columns; a file may hold them in any order, headed in Kyrgyz, Russian or English. */
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

/** Columns without which a row cannot be read; the others may be absent (a warning) or empty. */
export const REQUIRED_COLUMNS: readonly RosterColumn[] = ['full_name', 'sex', 'birth_date', 'category'];

/** A column of a candidate list: the roster's, and the gathering protocol's votes (5.4.4). */
export type ListColumn = RosterColumn | 'votes';

/**
 * The one mapping table of the list files: for every column, the header written in each language (what a
 * template carries) and the other spellings a file may use. Headers are compared case- and space-insensitively.
 */
export const COLUMN_HEADERS: Record<ListColumn, { label: Localized; aliases: readonly string[] }> = {
  full_name: {
    label: { ky: 'Аты-жөнү', ru: 'ФИО', en: 'Full name' },
    aliases: [
      'full_name',
      'толук аты-жөнү',
      'аты жөнү',
      'фамилиясы, аты',
      'фамилия, имя, отчество',
      'фамилия имя отчество',
      'ф.и.о.',
      'name',
    ],
  },
  sex: {
    label: { ky: 'Жынысы', ru: 'Пол', en: 'Sex' },
    aliases: ['sex', 'жыныс', 'gender'],
  },
  birth_date: {
    label: { ky: 'Туулган күнү', ru: 'Дата рождения', en: 'Birth date' },
    aliases: ['birth_date', 'туулган жылы', 'туулган датасы', 'год рождения', 'date of birth', 'birth year'],
  },
  category: {
    label: { ky: 'Категориясы', ru: 'Категория', en: 'Category' },
    aliases: ['category', 'категория'],
  },
  workplace: {
    label: { ky: 'Иштеген жери', ru: 'Место работы', en: 'Workplace' },
    aliases: ['workplace', 'иштеген жери, кызматы', 'жумуш орду', 'место работы, должность', 'place of work'],
  },
  village: {
    label: { ky: 'Айылы', ru: 'Село', en: 'Village' },
    aliases: ['village', 'айыл', 'жашаган айылы', 'населенный пункт', 'село (айыл)'],
  },
  phone: {
    label: { ky: 'Телефону', ru: 'Телефон', en: 'Phone' },
    aliases: ['phone', 'телефон', 'тел.', 'телефон номери', 'номер телефона', 'phone number'],
  },
  email: {
    label: { ky: 'Электрондук почтасы', ru: 'Электронная почта', en: 'E-mail' },
    aliases: ['email', 'электрондук почта', 'эл. почта', 'эл. почтасы', 'e-mail', 'эл.почта'],
  },
  votes: {
    label: { ky: 'Добуштар', ru: 'Голоса', en: 'Votes' },
    aliases: ['votes', 'добуш', 'добуштардын саны', 'число голосов', 'количество голосов'],
  },
};

/** Category values a file may write, beside the codes, in each language: the first is what a template shows. */
export const CATEGORY_VALUES: Record<Category, Record<Lang, readonly string[]>> = {
  municipal_employee: {
    ky: ['муниципалдык кызматчы', 'муниципалдык кызматкер', 'аткаруу органы'],
    ru: ['муниципальный служащий', 'муниципальная служащая', 'служащий', 'исполнительный орган'],
    en: ['municipal employee', 'employee'],
  },
  deputy: {
    ky: ['депутат', 'жергиликтүү кеңештин депутаты'],
    ru: ['депутат', 'депутат местного кенеша'],
    en: ['deputy', 'council deputy'],
  },
  citizen: {
    ky: ['жарандардын өкүлү', 'жаран', 'жарандардын жана алардын бирикмелеринин өкүлү'],
    ru: ['представитель граждан', 'гражданин', 'гражданка', 'представитель граждан и их объединений'],
    en: ['citizen', 'citizens’ representative', 'representative of citizens'],
  },
};

/** A category's word in a language, as templates and messages write it ("депутат", "представитель граждан"). */
export const categoryWord = (category: Category, lang: Lang): string => CATEGORY_VALUES[category][lang][0] ?? category;

/** Sex values a file may write, in each language: the first is what a template shows. */
export const SEX_VALUES: Record<Sex, Record<Lang, readonly string[]>> = {
  M: { ky: ['эркек', 'Э'], ru: ['мужской', 'М', 'муж', 'муж.'], en: ['male', 'M', 'man'] },
  F: { ky: ['аял', 'А'], ru: ['женский', 'Ж', 'жен', 'жен.'], en: ['female', 'F', 'woman'] },
};

/** The comparison key of a header or a value: NFC, case-folded, ё as е, underscores and runs of spaces as one space. */
export function valueKey(text: string): string {
  return cleanText(text.replace(/^\uFEFF/u, ''))
    .toLocaleLowerCase('ru')
    .replace(/ё/gu, 'е')
    .replace(/[_\s]+/gu, ' ')
    .replace(/[\s*:]+$/u, '')
    .trim();
}

function tableOf<K extends string>(entries: [K, readonly string[]][]): Map<string, K> {
  const map = new Map<string, K>();
  for (const [k, texts] of entries) for (const text of texts) map.set(valueKey(text), k);
  return map;
}

const HEADER_TABLE = tableOf(
  (Object.keys(COLUMN_HEADERS) as ListColumn[]).map((c) => [
    c,
    [c, ...Object.values(COLUMN_HEADERS[c].label), ...COLUMN_HEADERS[c].aliases],
  ]),
);
/** Headers of a running-number column spreadsheets add; ignored. */
const NUMBER_HEADERS = new Set(['№', 'n', 'no', 'no.', '#', 'п/п', '№ п/п', 'р/с', 'кат. №']);
const CATEGORY_TABLE = tableOf(
  CATEGORIES.map((c) => [c, [c, ...Object.values(CATEGORY_LABELS[c]), ...Object.values(CATEGORY_VALUES[c]).flat()]]),
);
const SEX_TABLE = tableOf((['M', 'F'] as const).map((s) => [s, Object.values(SEX_VALUES[s]).flat()]));

/** The column a header cell names in any of the three languages, 'number' for a running number, or null. */
export function matchHeader(cell: string): ListColumn | 'number' | null {
  const key = valueKey(cell);
  if (NUMBER_HEADERS.has(key)) return 'number';
  return HEADER_TABLE.get(key) ?? null;
}

/** The category a cell names in any of the three languages, or null. */
export function parseCategory(text: string): Category | null {
  return CATEGORY_TABLE.get(valueKey(text)) ?? null;
}

/** The sex a cell names in any of the three languages (M/F, эркек/аял, мужской/женский, М/Ж), or null. */
export function parseSex(text: string): Sex | null {
  return SEX_TABLE.get(valueKey(text)) ?? null;
}

/** The header line of a list template in `lang` (with the votes column for a gathering's protocol). */
export function templateHeader(lang: Lang, opts: { votes?: boolean } = {}): string[] {
  const columns: ListColumn[] = [...ROSTER_COLUMNS, ...(opts.votes ? (['votes'] as const) : [])];
  return columns.map((c) => COLUMN_HEADERS[c].label[lang]);
}

/** The column's header in `lang`, as messages name it. */
export const columnLabel = (column: ListColumn, lang: Lang): string => COLUMN_HEADERS[column].label[lang];

/** A finding on a line of the file: an error (the row cannot be read) or a warning (the row is kept as written). */
export type RosterRowIssue = {
  /** 1-based data row; the header is row 0. */
  row: number;
  /** A column name, or 'header' / 'row' for findings about the whole line. */
  field: string;
  rule: string;
  /** The name the row gives, to name the row by; null for the header or a row without a name. */
  fullName: string | null;
  /** The words, starting with the column's label in the language; the row is named by rowLabel(). */
  message: Localized;
};
export type RosterRowError = RosterRowIssue;
export type RosterRowWarning = RosterRowIssue;

export type RosterValidation = {
  members: RosterMember[];
  /** The data row (1-based) each member comes from. */
  memberRows: number[];
  errors: RosterRowError[];
  warnings: RosterRowWarning[];
};

const each = (f: (lang: Lang) => string): Localized => ({ ky: f('ky'), ru: f('ru'), en: f('en') });

/** How a row is named to the reader: its number, and the person's name when it has one ("row 3 (Садыкова Айжан)"). */
export function rowLabel(row: number, fullName: string | null, line?: number): Localized {
  if (row === 0) return loc('баш сап', 'заголовок', 'header');
  const extra = (lineWord: string) =>
    [line === undefined ? null : `${lineWord} ${line}`, fullName].filter(Boolean).join(', ');
  const ky = [line === undefined ? null : `файлдын ${line}-сабы`, fullName].filter(Boolean).join(', ');
  return {
    ky: `${row}-жазуу${ky ? ` (${ky})` : ''}`,
    ru: `запись ${row}${extra('строка') ? ` (${extra('строка')})` : ''}`,
    en: `row ${row}${extra('line') ? ` (${extra('line')})` : ''}`,
  };
}

/** Trims and collapses inner whitespace; NFC so that composed and decomposed letters compare equal. */
export function cleanText(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/** The key two names are compared by: cleaned and case-folded. */
export function nameKey(fullName: string): string {
  return cleanText(fullName).toLocaleLowerCase('ru').replace(/ё/gu, 'е');
}

type HeaderReading = {
  index: Partial<Record<RosterColumn, number>>;
  errors: RosterRowError[];
  warnings: RosterRowWarning[];
};

const expectedHeader = (lang: Lang) => templateHeader(lang).join(', ');

/** Reads the header line: which cell holds which column (any order, any of the three languages). */
function readHeader(header: string[]): HeaderReading {
  const index: Partial<Record<RosterColumn, number>> = {};
  const errors: RosterRowError[] = [];
  const warnings: RosterRowWarning[] = [];
  const issue = (field: string, rule: string, message: Localized) => ({ row: 0, field, rule, fullName: null, message });
  header.forEach((raw, i) => {
    const cell = cleanText(raw.replace(/^\uFEFF/u, ''));
    if (cell === '') return;
    const column = matchHeader(cell);
    if (column === 'number') return;
    if (column === null || column === 'votes') {
      warnings.push(
        issue(
          cell,
          'header-unknown-column',
          each((l) =>
            l === 'ky'
              ? `«${cell}» деген тилке белгисиз, ал окулбайт; тилкелер: ${expectedHeader(l)}`
              : l === 'ru'
                ? `столбец «${cell}» не известен и не читается; столбцы: ${expectedHeader(l)}`
                : `the column "${cell}" is not known and is not read; the columns: ${expectedHeader(l)}`,
          ),
        ),
      );
      return;
    }
    if (index[column] !== undefined) {
      errors.push(
        issue(
          column,
          'header-duplicate-column',
          each((l) =>
            l === 'ky'
              ? `«${columnLabel(column, l)}» тилкеси эки жолу жазылган`
              : l === 'ru'
                ? `столбец «${columnLabel(column, l)}» указан дважды`
                : `the column "${columnLabel(column, l)}" appears twice`,
          ),
        ),
      );
      return;
    }
    index[column] = i;
  });
  for (const column of ROSTER_COLUMNS) {
    if (index[column] !== undefined) continue;
    const required = REQUIRED_COLUMNS.includes(column);
    (required ? errors : warnings).push(
      issue(
        column,
        'header-missing-column',
        each((l) => {
          const name = columnLabel(column, l);
          if (l === 'ky')
            return `«${name}» тилкеси жок${required ? '' : ', бул маалымат бош калат'}; тилкелер: ${expectedHeader(l)}`;
          if (l === 'ru')
            return `нет столбца «${name}»${required ? '' : ', эти данные останутся пустыми'}; столбцы: ${expectedHeader(l)}`;
          return `the column "${name}" is missing${required ? '' : '; this data stays empty'}; the columns: ${expectedHeader(l)}`;
        }),
      ),
    );
  }
  return { index, errors, warnings };
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
    'недействительный номер Кыргызстана',
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

/** 'phone-invalid' and its kind: the phone is kept as written and the row is named in a warning. */
function phoneWarning(text: string, rule: string): Localized {
  const why = PHONE_RULE_TEXT[rule] ?? PHONE_RULE_TEXT['phone-format']!;
  const forms = '0XXX XXX XXX, +996 XXX XXX XXX';
  return each((l) =>
    l === 'ky'
      ? `${columnLabel('phone', l)}: «${text}» ${why.ky} (${forms}); жазылгандай сакталат, текшерип оңдоңуз`
      : l === 'ru'
        ? `${columnLabel('phone', l)}: «${text}» ${why.ru} (${forms}); сохранён как записан, проверьте и исправьте`
        : `${columnLabel('phone', l)}: "${text}" ${why.en} (${forms}); kept as written, check and correct it`,
  );
}

/**
 * Validates the header and the rows of a roster file, headed and filled in Kyrgyz, Russian or English. Rows are
 * numbered from 1 after the header (row 0). A row that cannot be read (no name, an unknown sex or category, a
 * birth date that is no date) is an error; what a real list often lacks or gets wrong (a phone that is not a
 * valid number, an empty workplace or village, a birth year without the day) is a warning naming the row, and
 * the row is kept with the value as written. With `today`, birth dates after it are errors.
 */
export function validateRosterRows(
  header: string[],
  rows: string[][],
  opts: { today?: IsoDate } = {},
): RosterValidation {
  const { index, errors: headerErrors, warnings } = readHeader(header);
  if (headerErrors.length > 0) return { members: [], memberRows: [], errors: headerErrors, warnings };
  const members: RosterMember[] = [];
  const memberRows: number[] = [];
  const errors: RosterRowError[] = [];
  rows.forEach((cells, i) => {
    const row = i + 1;
    const cell = (column: RosterColumn) => {
      const at = index[column];
      return at === undefined ? '' : cleanText(cells[at] ?? '');
    };
    const fullName = cell('full_name') || null;
    const rowErrors: RosterRowError[] = [];
    const err = (field: RosterColumn | 'row', rule: string, message: Localized) =>
      rowErrors.push({ row, field, rule, fullName, message });
    const warn = (field: RosterColumn, rule: string, message: Localized) =>
      warnings.push({ row, field, rule, fullName, message });
    if (cells.length !== header.length) {
      err(
        'row',
        'column-count',
        each((l) =>
          l === 'ky'
            ? `${cells.length} талаа бар, баш саптагыдай ${header.length} болушу керек`
            : l === 'ru'
              ? `полей ${cells.length}, а в заголовке ${header.length}`
              : `has ${cells.length} fields, the header has ${header.length}`,
        ),
      );
      errors.push(...rowErrors);
      return;
    }
    const required = (column: RosterColumn): string | null => {
      const v = cell(column);
      if (!v)
        err(
          column,
          'required',
          each(
            (l) =>
              `${columnLabel(column, l)}: ${l === 'ky' ? 'толтурулушу керек' : l === 'ru' ? 'обязательное поле' : 'required'}`,
          ),
        );
      return v || null;
    };

    required('full_name');
    if (fullName !== null && fullName.length > 200) {
      err(
        'full_name',
        'too-long',
        each(
          (l) =>
            `${columnLabel('full_name', l)}: ${l === 'ky' ? '200 белгиден ашык' : l === 'ru' ? 'длиннее 200 символов' : 'longer than 200 characters'}`,
        ),
      );
    }

    const sexText = required('sex');
    const sex = sexText === null ? null : parseSex(sexText);
    if (sexText !== null && sex === null) {
      err(
        'sex',
        'one-of',
        each((l) => {
          const accepted = `${SEX_VALUES.M[l][0]} / ${SEX_VALUES.F[l][0]} (M / F)`;
          return l === 'ky'
            ? `${columnLabel('sex', l)}: «${sexText}» — ${accepted} болушу керек`
            : l === 'ru'
              ? `${columnLabel('sex', l)}: «${sexText}» — должно быть ${accepted}`
              : `${columnLabel('sex', l)}: "${sexText}" must be ${accepted}`;
        }),
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
          each(
            (l) => `${columnLabel('birth_date', l)}: ${l === 'en' ? `"${birthText}"` : `«${birthText}»`} ${text[l]}`,
          ),
        );
      }
    }
    if (birthDate !== null && birthDate.day === undefined) {
      // 5.2.1: the age on a day is then known only when every day of the year gives the same answer.
      warn(
        'birth_date',
        'birth-year-only',
        each((l) =>
          l === 'ky'
            ? `${columnLabel('birth_date', l)}: жылы гана жазылган (${birthText}); толук күнүн (КК.АА.ЖЖЖЖ) жазыңыз`
            : l === 'ru'
              ? `${columnLabel('birth_date', l)}: указан только год (${birthText}); впишите полную дату (ДД.ММ.ГГГГ)`
              : `${columnLabel('birth_date', l)}: only the year is given (${birthText}); enter the full date (DD.MM.YYYY)`,
        ),
      );
    }

    const categoryText = required('category');
    const category = categoryText === null ? null : parseCategory(categoryText);
    if (categoryText !== null && category === null) {
      err(
        'category',
        'one-of',
        each((l) => {
          const accepted = CATEGORIES.map((c) => CATEGORY_VALUES[c][l][0]).join(', ');
          return l === 'ky'
            ? `${columnLabel('category', l)}: «${categoryText}» — ${accepted} болушу керек (5.2.3)`
            : l === 'ru'
              ? `${columnLabel('category', l)}: «${categoryText}» — должно быть одно из: ${accepted} (5.2.3)`
              : `${columnLabel('category', l)}: "${categoryText}" must be one of: ${accepted} (5.2.3)`;
        }),
      );
    }

    for (const column of ['workplace', 'village'] as const) {
      if (index[column] === undefined || cell(column) !== '') continue;
      warn(
        column,
        `${column}-missing`,
        each((l) =>
          l === 'ky'
            ? `${columnLabel(column, l)}: толтурулган эмес`
            : l === 'ru'
              ? `${columnLabel(column, l)}: не заполнено`
              : `${columnLabel(column, l)}: empty`,
        ),
      );
    }

    const phoneText = cell('phone') || null;
    let phone: string | null = null;
    if (phoneText !== null) {
      try {
        phone = normalisePhoneKg(phoneText);
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        phone = phoneText;
        warn('phone', String(e.details.rule), phoneWarning(phoneText, String(e.details.rule)));
      }
    }

    const email = cell('email') || null;
    if (email !== null && !isPlausibleEmail(email)) {
      err(
        'email',
        'email-format',
        each((l) =>
          l === 'ky'
            ? `${columnLabel('email', l)}: «${email}» электрондук почтанын дареги эмес`
            : l === 'ru'
              ? `${columnLabel('email', l)}: «${email}» — не адрес электронной почты`
              : `${columnLabel('email', l)}: "${email}" is not an e-mail address`,
        ),
      );
    }

    if (rowErrors.length > 0 || fullName === null || birthDate === null || sex === null || category === null) {
      errors.push(...rowErrors);
      return;
    }
    members.push({
      fullName,
      sex,
      birthDate,
      category,
      workplace: cell('workplace') || null,
      village: cell('village') || null,
      phone,
      email,
    });
    memberRows.push(row);
  });
  return { members, memberRows, errors, warnings: warnings.sort((a, b) => a.row - b.row) };
}

/** Two rows giving the same phone: a warning on the later row naming the earlier (notices go to each member's own number). */
export function sharedPhoneWarnings(
  members: readonly RosterMember[],
  memberRows: readonly number[],
): RosterRowWarning[] {
  const first = new Map<string, number>();
  const out: RosterRowWarning[] = [];
  members.forEach((m, i) => {
    if (m.phone === null) return;
    const earlier = first.get(m.phone);
    if (earlier === undefined) {
      first.set(m.phone, i);
      return;
    }
    const other = members[earlier]!;
    const otherRow = memberRows[earlier] ?? earlier + 1;
    const shown = (() => {
      try {
        return formatPhoneKg(m.phone);
      } catch {
        return m.phone;
      }
    })();
    out.push({
      row: memberRows[i] ?? i + 1,
      field: 'phone',
      rule: 'phone-shared',
      fullName: m.fullName,
      message: each((l) =>
        l === 'ky'
          ? `${columnLabel('phone', l)}: ${shown} — ${rowLabel(otherRow, other.fullName).ky} менен бир эле номер; ар бир мүчөнүн өз номери болушу керек`
          : l === 'ru'
            ? `${columnLabel('phone', l)}: ${shown} — тот же номер, что в записи ${otherRow} (${other.fullName}); у каждого члена должен быть свой номер`
            : `${columnLabel('phone', l)}: ${shown} is the same number as ${rowLabel(otherRow, other.fullName).en}; each member needs their own number`,
      ),
    });
  });
  return out;
}
