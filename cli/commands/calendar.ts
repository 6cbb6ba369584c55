// `jmeg calendar show YYYY`: a year's non-working days (holidays, days off) and worked weekend days,
// from the Labour Code rules, the shipped year data, the entries staff keep in the database and an optional file.
// `jmeg calendar set|remove|import`: staff edit the database entries (each change a calendar.* event).
import { existsSync, readFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { loadConfig } from '../../config/config';
import { calendarEntriesFor, type CalendarChange, type CalendarScope } from '../../db/calendar-entries';
import { pgliteDirOf } from '../../db/connect';
import { findCouncilById } from '../../db/councils';
import type { Database } from '../../db/database';
import {
  createCalendar,
  datesOfYear,
  replaceYears,
  shippedCalendar,
  type Calendar,
  type CalendarEntry,
  type DayInfo,
  type YearData,
} from '../../domain/calendar';
import { KNOWN_CALENDAR_ENTRIES } from '../../domain/calendar-data/known-years';
import { parseCalendarFile } from '../../domain/calendar-file';
import { formatDay } from '../../domain/calendar-format';
import { isIsoDate, isWeekend } from '../../domain/dates';
import { DomainError } from '../../domain/domain-error';
import { isLang, type Lang } from '../../domain/i18n';
import {
  removeCalendarDay,
  setCalendarDays,
  type CalendarChangeResult,
} from '../../procedures/calendar/change-calendar';
import type { SignalOutcome } from '../../procedures/calendar/tell-procedures';
import { CliError } from '../cli-error';
import { leaf, runCommand, type Group, type Options, type Parsed } from '../command';
import type { ProcedureEngine } from '../../procedures/engine';
import { withDatabase } from '../with-database';
import { withEngine } from '../with-engine';

/** The --calendar and --replace-years options, shared with `jmeg deadline`. */
export const CALENDAR_FILE_OPTIONS = {
  calendar: {
    type: 'string',
    placeholder: 'FILE.json|FILE.ics',
    description: 'calendar entries to add (overriding the same dates)',
  },
  'replace-years': { type: 'boolean', description: "the file's years replace the shipped ones whole" },
} as const satisfies Options;

export const LANG_OPTION = {
  type: 'string',
  placeholder: 'ky|ru|en',
  description: 'language of the output (default ky)',
} as const;

const COUNCIL = {
  council: {
    type: 'string',
    placeholder: 'ID',
    description: "the council's own calendar (default: the national calendar)",
  },
} as const satisfies Options;

const SHOW = {
  ...COUNCIL,
  'no-db': { type: 'boolean', description: 'only the shipped calendar and --calendar, not the database' },
  ...CALENDAR_FILE_OPTIONS,
  lang: LANG_OPTION,
  json: { type: 'boolean', description: 'print JSON' },
} as const satisfies Options;

const SET = {
  type: { type: 'string', placeholder: 'day-off|working-day', description: 'what the day is', required: true },
  'name-ky': { type: 'string', placeholder: 'NAME', description: "the day's name in Kyrgyz", required: true },
  'name-ru': { type: 'string', placeholder: 'NAME', description: "the day's name in Russian", required: true },
  status: {
    type: 'string',
    placeholder: 'confirmed|estimated',
    description: 'confirmed (default) or estimated (a date not yet decreed)',
  },
  ...COUNCIL,
} as const satisfies Options;

export const command: Group = {
  name: 'calendar',
  summary: "Working days of a year, and staff's edits to the calendar (recorded as events).",
  subcommands: [
    leaf({
      name: 'show',
      summary: 'Lists the non-working days and the worked weekend days of a year.',
      positionals: [{ name: 'YYYY', description: 'the year' }],
      options: SHOW,
      run: show,
    }),
    leaf({
      name: 'set',
      summary: 'Records a day off or a worked day (running procedures recount their deadlines).',
      positionals: [{ name: 'YYYY-MM-DD', description: 'the day' }],
      options: SET,
      run: set,
    }),
    leaf({
      name: 'remove',
      summary: "Removes a day's entry.",
      positionals: [{ name: 'YYYY-MM-DD', description: 'the day' }],
      options: COUNCIL,
      run: remove,
    }),
    leaf({
      name: 'import',
      summary: 'Records every entry of a calendar file, all or nothing.',
      positionals: [{ name: 'FILE.json|FILE.ics', description: 'the calendar file' }],
      options: COUNCIL,
      run: importFile,
    }),
  ],
};

export const run = (argv: string[]): Promise<number> => runCommand(command, argv);

/** --lang: one of ky, ru, en (default ky, the state language). */
export function langOption(value: string | undefined): Lang {
  if (value === undefined) return 'ky';
  if (!isLang(value)) throw new CliError(`--lang: "${value}" must be ky, ru or en`);
  return value;
}

/** The shipped calendar, then `stored` entries (the database's), plus a --calendar file (overriding the same dates, or with replace, whole years). */
export function loadCalendar(
  file: string | undefined,
  replace = false,
  stored: readonly CalendarEntry[] = [],
): Calendar {
  if (file === undefined) {
    if (replace) throw new CliError('--replace-years: needs --calendar FILE');
    return shippedCalendar(stored);
  }
  const entries = readCalendarFile(file, '--calendar');
  return replace
    ? createCalendar(replaceYears([...KNOWN_CALENDAR_ENTRIES, ...stored], entries))
    : shippedCalendar([...stored, ...entries]);
}

/** A calendar file's entries (JSON or iCalendar, by its name); one-line errors naming the file, the entry and the field. */
function readCalendarFile(file: string, option: string): CalendarEntry[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code ?? (error instanceof Error ? error.message : String(error));
    throw new CliError(`${option}: cannot read "${file}" (${code === 'ENOENT' ? 'no such file' : code})`);
  }
  try {
    return parseCalendarFile(file, text);
  } catch (error) {
    if (error instanceof DomainError) throw new CliError(`${option} ${file}: ${error.message}`);
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
  database: (entries: number, target: string) => string;
};

type Totals = { saturdaysSundays: number; workedWeekendDays: number; nonWorkingDays: number; workingDays: number };

const LABELS: Record<Lang, Labels> = {
  ky: {
    title: (y) => `${y}-жылдын календары`,
    data: {
      confirmed: 'маалымат бекитилген',
      estimated: 'маалымат болжолдуу (айрым күндөр расмий жарыяланган эмес)',
      missing: 'жылдык маалымат жок (Орозо айт, Курман айт, которулган күндөр белгисиз)',
    },
    nonWorking: 'Иш эмес майрам жана дем алыш күндөр',
    worked: 'Иштелүүчү күндөр (которулган ишемби/жекшемби, жокко чыгарылган дем алыш күндөр)',
    none: 'жок',
    reason: {
      holiday: 'майрам',
      'day-off': 'дем алыш күн',
      'worked-weekend': 'иштелүүчү дем алыш күн',
      workday: 'жумуш күнү',
      weekend: 'дем алыш',
    },
    status: { confirmed: 'бекитилген', estimated: 'болжолдуу' },
    totals: (t) =>
      `Ишемби жана жекшемби: ${t.saturdaysSundays} (анын ичинен иштелет: ${t.workedWeekendDays}); бардык иш эмес күндөр: ${t.nonWorkingDays}; жумуш күндөрү: ${t.workingDays}`,
    outside: 'Эскертүү: 2025-жылга чейинки жылдар колдоого алынбайт (2025-жылдагы Эмгек кодексинин эрежелери).',
    database: (n, target) => `Маалымат базасынан жазуулар: ${n} (${target})`,
  },
  ru: {
    title: (y) => `Календарь на ${y} год`,
    data: {
      confirmed: 'данные подтверждены',
      estimated: 'данные предварительные (часть дат официально не объявлена)',
      missing: 'нет данных на год (Орозо айт, Курман айт, переносы неизвестны)',
    },
    nonWorking: 'Нерабочие праздничные и выходные дни',
    worked: 'Рабочие дни по данным года (перенесённые субботы/воскресенья, отменённые выходные)',
    none: 'нет',
    reason: {
      holiday: 'праздник',
      'day-off': 'выходной день',
      'worked-weekend': 'рабочий выходной',
      workday: 'рабочий день',
      weekend: 'выходной',
    },
    status: { confirmed: 'подтверждено', estimated: 'предварительно' },
    totals: (t) =>
      `Суббот и воскресений: ${t.saturdaysSundays} (из них рабочих: ${t.workedWeekendDays}); всего нерабочих дней: ${t.nonWorkingDays}; рабочих дней: ${t.workingDays}`,
    outside: 'Внимание: годы до 2025 не поддерживаются (правила Трудового кодекса 2025 года).',
    database: (n, target) => `Записей из базы данных: ${n} (${target})`,
  },
  en: {
    title: (y) => `Calendar for ${y}`,
    data: {
      confirmed: 'data confirmed',
      estimated: 'data estimated (some dates not yet declared)',
      missing: 'no year data (Orozo Ait, Kurman Ait, transfers unknown)',
    },
    nonWorking: 'Non-working holidays and days off',
    worked: 'Worked days set by the year data (transferred Saturdays/Sundays, cancelled days off)',
    none: 'none',
    reason: {
      holiday: 'holiday',
      'day-off': 'day off',
      'worked-weekend': 'worked weekend day',
      workday: 'working day',
      weekend: 'weekend',
    },
    status: { confirmed: 'confirmed', estimated: 'estimated' },
    totals: (t) =>
      `Saturdays and Sundays: ${t.saturdaysSundays} (worked: ${t.workedWeekendDays}); non-working days in all: ${t.nonWorkingDays}; working days: ${t.workingDays}`,
    outside: 'Note: years before 2025 are not supported (rules of the 2025 Labour Code).',
    database: (n, target) => `Entries from the database: ${n} (${target})`,
  },
};

/**
 * Whether `show` reads the database: when DATABASE_URL is set, or when the embedded PGlite database already exists
 * in the data directory (JMEG_DATA_DIR, default ./data); never with --no-db. It never creates a database.
 */
function databaseConfigured(): boolean {
  const config = loadConfig();
  return config.databaseUrl !== null || existsSync(pgliteDirOf(config));
}

async function show({ values, positionals }: Parsed<typeof SHOW>): Promise<number> {
  const yearText = positionals[0]!;
  if (!/^\d{4}$/.test(yearText)) throw new CliError(`calendar show: year "${yearText}" must be four digits, e.g. 2026`);
  const year = Number(yearText);
  const lang = langOption(values.lang);
  loadCalendar(values.calendar, values['replace-years']); // file errors first, before any database is opened
  const useDb = !values['no-db'] && databaseConfigured();
  if (values.council !== undefined && !useDb)
    throw new CliError('calendar show: --council needs a database (set DATABASE_URL or JMEG_DATA_DIR)');
  let database: { target: string; entries: number } | null = null;
  let stored: CalendarEntry[] = [];
  if (useDb) {
    [stored, database] = await withDatabase(async (db, target) => {
      const scope = values.council === undefined ? null : await existingCouncil(db, values.council, 'calendar show');
      const entries = await calendarEntriesFor(db, scope, { from: `${yearText}-01-01`, to: `${yearText}-12-31` });
      return [entries, { target, entries: entries.length }] as const;
    });
  }
  const calendar = loadCalendar(values.calendar, values['replace-years'], stored);

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
    const plain = (d: DayInfo) => ({
      date: d.date,
      weekend: isWeekend(d.date),
      reason: d.reason,
      name: d.name,
      status: d.status,
    });
    process.stdout.write(
      JSON.stringify(
        { year, data, nonWorkingDays: nonWorking.map(plain), workedDays: worked.map(plain), totals, database },
        null,
        2,
      ) + '\n',
    );
    return 0;
  }
  const t = LABELS[lang];
  const name = (d: DayInfo) => (d.name ? (lang === 'ky' ? d.name.ky : d.name.ru) : '');
  const line = (d: DayInfo) =>
    `  ${formatDay(lang, d.date)}  ${name(d)}  [${t.reason[d.reason]}${d.status ? `, ${t.status[d.status]}` : ''}]`;
  const out = [`${t.title(year)}: ${t.data[data]}`];
  if (year < 2025) out.push(t.outside);
  out.push(`${t.nonWorking}:`, ...(nonWorking.length ? nonWorking.map(line) : [`  ${t.none}`]));
  out.push(`${t.worked}:`, ...(worked.length ? worked.map(line) : [`  ${t.none}`]));
  out.push(t.totals(totals));
  if (database) out.push(t.database(database.entries, database.target));
  process.stdout.write(out.join('\n') + '\n');
  return 0;
}

async function existingCouncil(db: Kysely<Database>, id: string, command: string): Promise<string> {
  if (!(await findCouncilById(db, id)))
    throw new CliError(`${command}: --council "${id}" is not a registered council (see jmeg council list)`);
  return id;
}

function changeLine(change: CalendarChange, scope: CalendarScope, what: string): string {
  const where = scope === null ? 'national calendar' : `council ${scope}`;
  return change.appended === 0
    ? `${what}: already so in the ${where}, nothing recorded\n`
    : `${what}: ${change.appended} change(s) recorded in the ${where}\n`;
}

/**
 * After a change: the running formation and act procedures of the scope recount their open deadlines only when told
 * (calendarChanged). Told by the use case when Temporal is reachable; else one line says how many still count on the
 * old calendar and where to tell them later (the calendar page's button).
 */
function toldLine(outcome: SignalOutcome): string {
  const n = outcome.notSent.length;
  const line: Record<SignalOutcome['state'], string> = {
    sent: `Told ${outcome.signalled.length} running procedure(s); they recount their open deadlines.`,
    'none-running': 'No procedure is running in this scope: nothing to tell.',
    unchanged: 'Nothing changed: nobody to tell.',
    'engine-unavailable': `Temporal is not reachable: ${n} running procedure(s) still count on the old calendar. Tell them from the calendar page ("tell the procedures") once Temporal runs.`,
    failed: `${n} running procedure(s) could not be told (${outcome.notSent.join(', ')}); tell them from the calendar page.`,
  };
  return line[outcome.state] + '\n';
}

/** Runs a change with the engine of cli/with-engine.ts (unavailable without a server: the change is saved all the same). */
function changeWithEngine(
  db: Kysely<Database>,
  change: (deps: { db: Kysely<Database>; engine: ProcedureEngine }) => Promise<CalendarChangeResult>,
): Promise<CalendarChangeResult> {
  return withEngine(loadConfig(), (engine) => change({ db, engine }));
}

async function set({ values, positionals }: Parsed<typeof SET>): Promise<number> {
  const date = positionals[0]!;
  if (!isIsoDate(date)) throw new CliError(`calendar set: "${date}" is not a real date (YYYY-MM-DD)`);
  const type = values.type;
  if (type !== 'day-off' && type !== 'working-day')
    throw new CliError(
      `calendar set: --type must be day-off or working-day${type === undefined ? '' : `, not "${type}"`}`,
    );
  const status = values.status ?? 'confirmed';
  if (status !== 'confirmed' && status !== 'estimated')
    throw new CliError(`calendar set: --status must be confirmed or estimated, not "${status}"`);
  const ky = values['name-ky']?.trim();
  const ru = values['name-ru']?.trim();
  if (!ky || !ru)
    throw new CliError(
      "calendar set: --name-ky and --name-ru are both required (the day's name in Kyrgyz and in Russian)",
    );
  const entry: CalendarEntry = { date, type, status, name: { ky, ru } };
  return withDatabase(async (db) => {
    const scope = values.council === undefined ? null : await existingCouncil(db, values.council, 'calendar set');
    const { change, signal } = await changeWithEngine(db, (deps) =>
      setCalendarDays(deps, {
        scope,
        entries: [entry],
        actor: 'cli:calendar',
        reason: `calendar: ${date} set as ${type}`,
      }),
    );
    process.stdout.write(changeLine(change, scope, `${date} ${type} (${status})`));
    if (change.appended > 0) process.stdout.write(toldLine(signal));
    return 0;
  });
}

async function remove({ values, positionals }: Parsed<typeof COUNCIL>): Promise<number> {
  const date = positionals[0]!;
  if (!isIsoDate(date)) throw new CliError(`calendar remove: "${date}" is not a real date (YYYY-MM-DD)`);
  return withDatabase(async (db) => {
    const scope = values.council === undefined ? null : await existingCouncil(db, values.council, 'calendar remove');
    const { change, signal } = await changeWithEngine(db, (deps) =>
      removeCalendarDay(deps, { scope, date, actor: 'cli:calendar', reason: `calendar: ${date} entry removed` }),
    );
    process.stdout.write(
      change.appended === 0
        ? `${date}: no entry in the ${scope === null ? 'national calendar' : `council ${scope}`}, nothing recorded\n`
        : `${date}: entry removed\n`,
    );
    if (change.appended > 0) process.stdout.write(toldLine(signal));
    return 0;
  });
}

/** All or nothing: the file is parsed whole first (one bad entry and nothing is written), then recorded in one transaction. */
async function importFile({ values, positionals }: Parsed<typeof COUNCIL>): Promise<number> {
  const file = positionals[0]!;
  const entries = readCalendarFile(file, 'calendar import');
  if (entries.length === 0) throw new CliError(`calendar import ${file}: the file holds no entries`);
  return withDatabase(async (db) => {
    const scope = values.council === undefined ? null : await existingCouncil(db, values.council, 'calendar import');
    const { change, signal } = await changeWithEngine(db, (deps) =>
      setCalendarDays(deps, {
        scope,
        entries,
        actor: 'cli:calendar',
        reason: `calendar: ${entries.length} entries imported`,
      }),
    );
    process.stdout.write(changeLine(change, scope, `${file}: ${entries.length} entries read`));
    if (change.appended > 0) process.stdout.write(toldLine(signal));
    return 0;
  });
}
