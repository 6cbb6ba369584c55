// `jmeg calendar show YYYY`: a year's non-working days (holidays, days off) and worked weekend days,
// from the Labour Code rules, the shipped year data and an optional calendar file.
import { readFileSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { createCalendar, datesOfYear, replaceYears, shippedCalendar, type Calendar, type DayInfo, type YearData } from '../../domain/calendar';
import { KNOWN_CALENDAR_ENTRIES } from '../../domain/calendar-data/known-years';
import { parseCalendarFile } from '../../domain/calendar-file';
import { formatDay } from '../../domain/calendar-format';
import { isWeekend } from '../../domain/dates';
import { DomainError } from '../../domain/domain-error';
import { isLang, type Lang } from '../../domain/i18n';
import { CliError } from '../cli-error';

const USAGE = 'usage: jmeg calendar show YYYY [--calendar FILE.json|FILE.ics] [--replace-years] [--lang ky|ru|en] [--json]';

/** node:util parseArgs (strict), its errors turned into one-line CliErrors that name the option. */
export function parseCliArgs<T extends ParseArgsConfig['options']>(command: string, usage: string, argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: true });
  } catch (error) {
    const code = (error as { code?: string }).code;
    const message = error instanceof Error ? error.message : String(error);
    const option = /'(-{1,2}[^' ]+)/.exec(message)?.[1] ?? '';
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new CliError(`${command}: unknown option "${option}"; ${usage}`);
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') throw new CliError(`${command}: option ${option} needs a value; ${usage}`);
    throw new CliError(`${command}: ${message.split('\n')[0] ?? message}; ${usage}`);
  }
}

/** --lang: one of ky, ru, en (default ky, the state language). */
export function langOption(value: string | undefined): Lang {
  if (value === undefined) return 'ky';
  if (!isLang(value)) throw new CliError(`--lang: "${value}" must be ky, ru or en`);
  return value;
}

/** The shipped calendar plus a --calendar file (its entries override the same dates, or with replace, whole years). */
export function loadCalendar(file: string | undefined, replace = false): Calendar {
  if (file === undefined) {
    if (replace) throw new CliError('--replace-years: needs --calendar FILE');
    return shippedCalendar();
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code ?? (error instanceof Error ? error.message : String(error));
    throw new CliError(`--calendar: cannot read "${file}" (${code === 'ENOENT' ? 'no such file' : code})`);
  }
  try {
    const entries = parseCalendarFile(file, text);
    return replace ? createCalendar(replaceYears(KNOWN_CALENDAR_ENTRIES, entries)) : shippedCalendar(entries);
  } catch (error) {
    if (error instanceof DomainError) throw new CliError(`--calendar ${file}: ${error.message}`);
    throw error;
  }
}

type Labels = {
  title: (year: number) => string;
  data: Record<YearData, string>;
  nonWorking: string;
  worked: string;
  none: string;
  reason: Record<DayInfo['reason'], string>;
  status: Record<'confirmed' | 'estimated', string>;
  totals: (t: Totals) => string;
  outside: string;
};

type Totals = { saturdaysSundays: number; workedWeekendDays: number; nonWorkingDays: number; workingDays: number };

const LABELS: Record<Lang, Labels> = {
  ky: {
    title: (y) => `${y}-жылдын календары`,
    data: { confirmed: 'маалымат бекитилген', estimated: 'маалымат болжолдуу (айрым күндөр расмий жарыяланган эмес)', missing: 'жылдык маалымат жок (Орозо айт, Курман айт, которулган күндөр белгисиз)' },
    nonWorking: 'Иш эмес майрам жана дем алыш күндөр',
    worked: 'Иштелүүчү күндөр (которулган ишемби/жекшемби, жокко чыгарылган дем алыш күндөр)',
    none: 'жок',
    reason: { holiday: 'майрам', 'day-off': 'дем алыш күн', 'worked-weekend': 'иштелүүчү дем алыш күн', workday: 'жумуш күнү', weekend: 'дем алыш' },
    status: { confirmed: 'бекитилген', estimated: 'болжолдуу' },
    totals: (t) => `Ишемби жана жекшемби: ${t.saturdaysSundays} (анын ичинен иштелет: ${t.workedWeekendDays}); бардык иш эмес күндөр: ${t.nonWorkingDays}; жумуш күндөр: ${t.workingDays}`,
    outside: 'Эскертүү: 2025-жылга чейинки жылдар колдоого алынбайт (2025-жылдагы Эмгек кодексинин эрежелери).',
  },
  ru: {
    title: (y) => `Календарь на ${y} год`,
    data: { confirmed: 'данные подтверждены', estimated: 'данные предварительные (часть дат официально не объявлена)', missing: 'нет данных на год (Орозо айт, Курман айт, переносы неизвестны)' },
    nonWorking: 'Нерабочие праздничные и выходные дни',
    worked: 'Рабочие дни по данным года (перенесённые субботы/воскресенья, отменённые выходные)',
    none: 'нет',
    reason: { holiday: 'праздник', 'day-off': 'выходной день', 'worked-weekend': 'рабочий выходной', workday: 'рабочий день', weekend: 'выходной' },
    status: { confirmed: 'подтверждено', estimated: 'предварительно' },
    totals: (t) => `Суббот и воскресений: ${t.saturdaysSundays} (из них рабочих: ${t.workedWeekendDays}); всего нерабочих дней: ${t.nonWorkingDays}; рабочих дней: ${t.workingDays}`,
    outside: 'Внимание: годы до 2025 не поддерживаются (правила Трудового кодекса 2025 года).',
  },
  en: {
    title: (y) => `Calendar for ${y}`,
    data: { confirmed: 'data confirmed', estimated: 'data estimated (some dates not yet declared)', missing: 'no year data (Orozo Ait, Kurman Ait, transfers unknown)' },
    nonWorking: 'Non-working holidays and days off',
    worked: 'Worked days set by the year data (transferred Saturdays/Sundays, cancelled days off)',
    none: 'none',
    reason: { holiday: 'holiday', 'day-off': 'day off', 'worked-weekend': 'worked weekend day', workday: 'working day', weekend: 'weekend' },
    status: { confirmed: 'confirmed', estimated: 'estimated' },
    totals: (t) => `Saturdays and Sundays: ${t.saturdaysSundays} (worked: ${t.workedWeekendDays}); non-working days in all: ${t.nonWorkingDays}; working days: ${t.workingDays}`,
    outside: 'Note: years before 2025 are not supported (rules of the 2025 Labour Code).',
  },
};

export function run(argv: string[]): Promise<number> {
  return Promise.resolve(argv).then(show);
}

function show(argv: string[]): number {
  const { values, positionals } = parseCliArgs('calendar', USAGE, argv, {
    calendar: { type: 'string' },
    'replace-years': { type: 'boolean' },
    lang: { type: 'string' },
    json: { type: 'boolean' },
  });
  const [sub, yearText, ...extra] = positionals;
  if (sub !== 'show') throw new CliError(sub === undefined ? USAGE : `calendar: unknown subcommand "${sub}"; ${USAGE}`);
  if (yearText === undefined) throw new CliError(`calendar show: the year is required; ${USAGE}`);
  if (extra.length > 0) throw new CliError(`calendar show: unexpected argument "${extra[0]}"; ${USAGE}`);
  if (!/^\d{4}$/.test(yearText)) throw new CliError(`calendar show: year "${yearText}" must be four digits, e.g. 2026`);
  const year = Number(yearText);
  const lang = langOption(values.lang);
  const calendar = loadCalendar(values.calendar, values['replace-years']);

  const days = datesOfYear(year).map((d) => calendar.describeDay(d));
  const nonWorking = days.filter((d) => d.reason === 'holiday' || d.reason === 'day-off');
  const worked = days.filter((d) => d.reason === 'worked-weekend' || (d.reason === 'workday' && d.name));
  const totals: Totals = {
    saturdaysSundays: days.filter((d) => isWeekend(d.date)).length,
    workedWeekendDays: days.filter((d) => d.reason === 'worked-weekend').length,
    nonWorkingDays: days.filter((d) => !d.working).length,
    workingDays: days.filter((d) => d.working).length,
  };
  const data = calendar.yearData(year);

  if (values.json) {
    const plain = (d: DayInfo) => ({ date: d.date, weekend: isWeekend(d.date), reason: d.reason, name: d.name, status: d.status });
    process.stdout.write(JSON.stringify({ year, data, nonWorkingDays: nonWorking.map(plain), workedDays: worked.map(plain), totals }, null, 2) + '\n');
    return 0;
  }
  const t = LABELS[lang];
  const name = (d: DayInfo) => (d.name ? (lang === 'ky' ? d.name.ky : d.name.ru) : '');
  const line = (d: DayInfo) => `  ${formatDay(lang, d.date)}  ${name(d)}  [${t.reason[d.reason]}${d.status ? `, ${t.status[d.status]}` : ''}]`;
  const out = [`${t.title(year)}: ${t.data[data]}`];
  if (year < 2025) out.push(t.outside);
  out.push(`${t.nonWorking}:`, ...(nonWorking.length ? nonWorking.map(line) : [`  ${t.none}`]));
  out.push(`${t.worked}:`, ...(worked.length ? worked.map(line) : [`  ${t.none}`]));
  out.push(t.totals(totals));
  process.stdout.write(out.join('\n') + '\n');
  return 0;
}
