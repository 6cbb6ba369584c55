// `jmeg roster check FILE.csv`: validates a member list and checks the composition (5.2, 5.4.6).
// `jmeg roster import FILE.csv --group ID`: stores it (the db layer provides the import).
import { checkComposition } from '../../domain/composition';
import type { CompositionResult } from '../../domain/composition';
import { bishkekDateOf, isIsoDate } from '../../domain/dates';
import { isLang } from '../../domain/i18n';
import type { Lang } from '../../domain/i18n';
import { dmy } from '../../domain/messages';
import { rowLabel } from '../../domain/roster';
import { CliError } from '../cli-error';
import { leaf, runCommand, type Group, type Options, type Parsed } from '../command';
import { readRosterFile } from '../read-roster';
import type { RosterFileError, RosterFileWarning } from '../read-roster';

export { readRosterFile } from '../read-roster';

const LANG = { type: 'string', placeholder: 'ky|ru|en', description: 'language of the report (default ky)' } as const;
const FILE = [{ name: 'FILE.csv', description: 'the member list (README, "Roster files")' }] as const;

const CHECK = {
  on: { type: 'string', placeholder: 'YYYY-MM-DD', description: 'the day to check on (default: today in Bishkek)' },
  chair: { type: 'string', placeholder: '"Full Name"', description: "the chair's full name, to check the chair too" },
  lang: LANG,
  json: { type: 'boolean', description: 'print JSON' },
} as const satisfies Options;

export const IMPORT = {
  group: { type: 'string', placeholder: 'ID', description: 'the group to record the members in', required: true },
  on: {
    type: 'string',
    placeholder: 'YYYY-MM-DD',
    description: 'the day the composition is checked on (default today)',
  },
  lang: LANG,
} as const satisfies Options;

export const command: Group = {
  name: 'roster',
  summary: "A group's member list: the composition check (5.2, 5.4.6) and its import.",
  subcommands: [
    leaf({
      name: 'check',
      summary: 'Reads a member list and checks the composition (exit 1 with violations, 2 when a row cannot be read).',
      positionals: FILE,
      options: CHECK,
      run: check,
    }),
    leaf({
      name: 'import',
      summary: "Records the members as the group's (all or nothing) and prints the composition check.",
      positionals: FILE,
      options: IMPORT,
      run: runImport,
    }),
  ],
};

export const run = (argv: string[]): Promise<number> => runCommand(command, argv);

/** `roster import`: the db layer's command (cli/commands/roster-import.ts), loaded only when used. */
async function runImport(parsed: Parsed<typeof IMPORT>): Promise<number> {
  const { importRosterCommand } = await import('./roster-import');
  return importRosterCommand(parsed);
}

type Labels = {
  members: (n: number) => string;
  on: string;
  counts: string;
  categories: string;
  sexes: string;
  arithmetic: string;
  findings: string;
  none: string;
  violation: string;
  warning: string;
  dataWarnings: string;
  resultOk: (warnings: number) => string;
  resultBad: (violations: number, warnings: number) => string;
  header: (line: number) => string;
};

const LABELS: Record<Lang, Labels> = {
  ky: {
    members: (n) => `${n} мүчө`,
    on: 'текшерүү күнү',
    counts: 'Саны',
    categories: 'муниципалдык кызматчылар {me}, депутаттар {d}, жарандардын өкүлдөрү {c}',
    sexes: 'аялдар {f}, эркектер {m}',
    arithmetic: 'Эсептөө (5.2.3)',
    findings: 'Табылгандар',
    none: 'жок',
    violation: 'бузуу',
    warning: 'эскертүү',
    dataWarnings: 'Маалыматтагы эскертүүлөр (жазылгандай сакталды)',
    resultOk: (w) => `Жыйынтык: бузуу жок${w ? `, эскертүү: ${w}` : ''}.`,
    resultBad: (v, w) => `Жыйынтык: бузуу: ${v}${w ? `, эскертүү: ${w}` : ''}.`,
    header: (line) => `баш сап (файлдын ${line}-сабы)`,
  },
  ru: {
    members: (n) => `членов: ${n}`,
    on: 'дата проверки',
    counts: 'Состав',
    categories: 'муниципальные служащие {me}, депутаты {d}, представители граждан {c}',
    sexes: 'женщины {f}, мужчины {m}',
    arithmetic: 'Расчёт (5.2.3)',
    findings: 'Замечания',
    none: 'нет',
    violation: 'нарушение',
    warning: 'предупреждение',
    dataWarnings: 'Предупреждения по данным (сохранено как записано)',
    resultOk: (w) => `Итог: нарушений нет${w ? `, предупреждений: ${w}` : ''}.`,
    resultBad: (v, w) => `Итог: нарушений: ${v}${w ? `, предупреждений: ${w}` : ''}.`,
    header: (line) => `заголовок (строка ${line})`,
  },
  en: {
    members: (n) => `${n} member${n === 1 ? '' : 's'}`,
    on: 'reference date',
    counts: 'Counts',
    categories: 'municipal employees {me}, deputies {d}, citizens {c}',
    sexes: 'women {f}, men {m}',
    arithmetic: 'Arithmetic (5.2.3)',
    findings: 'Findings',
    none: 'none',
    violation: 'violation',
    warning: 'warning',
    dataWarnings: 'Data warnings (kept as written)',
    resultOk: (w) => `Result: no violations${w ? `, ${w} warning${w === 1 ? '' : 's'}` : ''}.`,
    resultBad: (v, w) =>
      `Result: ${v} violation${v === 1 ? '' : 's'}${w ? `, ${w} warning${w === 1 ? '' : 's'}` : ''}.`,
    header: (line) => `header (line ${line})`,
  },
};

function parseCheckArgs({ values, positionals }: Parsed<typeof CHECK>) {
  const lang = values.lang ?? 'ky';
  if (!isLang(lang)) throw new CliError(`roster check: --lang "${lang}" must be ky, ru or en`);
  if (values.on !== undefined && !isIsoDate(values.on))
    throw new CliError(`roster check: --on "${values.on}" is not a real date in the form YYYY-MM-DD`);
  if (values.chair !== undefined && values.chair.trim() === '')
    throw new CliError("roster check: --chair needs the chair's full name");
  return { file: positionals[0]!, on: values.on, chair: values.chair, lang, json: values.json ?? false };
}

/**
 * Exit 2: the file cannot be read, or a row cannot be read (no name, an unknown sex or category, no date); 1: the
 * composition breaks a rule (5.2.1, 5.2.3, 5.4.6); 0: none broken. Warnings (a phone that is not valid, a phone
 * shared by two members, an empty workplace or village, a birth year alone) are printed and never change the exit.
 */
async function check(parsed: Parsed<typeof CHECK>): Promise<number> {
  const args = parseCheckArgs(parsed);
  const today = bishkekDateOf(Date.now());
  const on = args.on ?? today;
  const { members, errors, warnings } = await readRosterFile(args.file, { today });
  if (errors.length > 0) {
    if (args.json)
      process.stdout.write(JSON.stringify({ file: args.file, ok: false, errors, warnings }, null, 2) + '\n');
    else process.stderr.write(formatRowErrors(args.file, errors, args.lang));
    return 2;
  }
  const result = checkComposition(members, args.chair === undefined ? { on } : { on, chair: args.chair });
  if (args.json)
    process.stdout.write(
      JSON.stringify({ file: args.file, on, chair: args.chair ?? null, ...result, warnings }, null, 2) + '\n',
    );
  else process.stdout.write(formatResult(args.file, on, result, args.lang, warnings));
  return result.ok ? 0 : 1;
}

/** Where a finding is: the header, or the row by number, line and the person's name. */
function where(e: RosterFileError, lang: Lang): string {
  return e.row === 0 ? LABELS[lang].header(e.line) : rowLabel(e.row, e.fullName, e.line)[lang];
}

/** One line per bad row: the row (its number, line and name), and every bad field with its rule. */
export function formatRowErrors(file: string, errors: RosterFileError[], lang: Lang): string {
  const byRow = new Map<number, RosterFileError[]>();
  for (const e of errors) byRow.set(e.row, [...(byRow.get(e.row) ?? []), e]);
  return [...byRow.values()]
    .map((rowErrors) => {
      const first = rowErrors[0]!;
      return `${file}: ${where(first, lang)}: ${rowErrors.map((e) => `${e.message[lang]} [${e.rule}]`).join('; ')}\n`;
    })
    .join('');
}

/** The warnings on the file's rows, one line each, under their heading; nothing when there are none. */
export function formatRowWarnings(warnings: RosterFileWarning[], lang: Lang): string[] {
  if (warnings.length === 0) return [];
  return [
    `${LABELS[lang].dataWarnings}:`,
    ...warnings.map((w) => `  [${LABELS[lang].warning}] ${where(w, lang)}: ${w.message[lang]} [${w.rule}]`),
  ];
}

export function formatResult(
  file: string,
  on: string,
  result: CompositionResult,
  lang: Lang,
  rowWarnings: RosterFileWarning[] = [],
): string {
  const t = LABELS[lang];
  const c = result.counts;
  const out: string[] = [];
  out.push(`${file}: ${t.members(result.size)}, ${t.on} ${dmy(on)}`);
  out.push(
    `${t.counts}: ${t.categories.replace('{me}', String(c.municipal_employee)).replace('{d}', String(c.deputy)).replace('{c}', String(c.citizen))}; ${t.sexes.replace('{f}', String(c.F)).replace('{m}', String(c.M))}`,
  );
  out.push(result.rounding[lang]);
  out.push(`${t.arithmetic}:`);
  for (const a of result.arithmetic) out.push(`  ${a.holds ? '✓' : '✗'} ${a.text[lang]}`);
  out.push(`${t.findings}:${result.findings.length === 0 ? ` ${t.none}` : ''}`);
  for (const f of result.findings) {
    out.push(
      `  [${f.severity === 'violation' ? t.violation : t.warning}] ${f.clause ?? '—'} ${f.code}: ${f.message[lang]}`,
    );
  }
  if (result.findings.some((f) => f.code === 'member-under-18' || f.code === 'member-age-undetermined'))
    out.push(result.ageRule[lang]);
  out.push(...formatRowWarnings(rowWarnings, lang));
  const violations = result.findings.filter((f) => f.severity === 'violation').length;
  const warnings = result.findings.length - violations + rowWarnings.length;
  out.push(violations === 0 ? t.resultOk(warnings) : t.resultBad(violations, warnings));
  return out.join('\n') + '\n';
}
