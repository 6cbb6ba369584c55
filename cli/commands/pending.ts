// `jmeg pending --group ID`: the chair's list of open and recently closed obligations, overdue first.
import { findGroupById } from '../../db/groups';
import {
  calendarForCouncil,
  DEFAULT_RECENT_DAYS,
  pendingObligations,
  type PendingFilter,
  type PendingObligation,
} from '../../db/pending';
import { bishkekDateOf, isIsoDate } from '../../domain/dates';
import { isLang, type Lang } from '../../domain/i18n';
import { dmy } from '../../domain/messages';
import {
  clauseText,
  daysLeftText,
  obligationStateText,
  obligationText,
  rungText,
} from '../../domain/obligation-messages';
import { CliError } from '../cli-error';
import { leaf, runCommand, type Options, type Parsed } from '../command';
import { withDatabase } from '../with-database';

const OPTIONS = {
  group: { type: 'string', placeholder: 'ID', description: 'the group', required: true },
  overdue: { type: 'boolean', description: 'only the overdue obligations' },
  week: { type: 'boolean', description: 'only those due within the week' },
  object: { type: 'string', placeholder: 'ID', description: 'only those of this monitored object' },
  today: {
    type: 'string',
    placeholder: 'YYYY-MM-DD',
    description: 'the day to count from (default: today in Bishkek)',
  },
  'recent-days': {
    type: 'string',
    placeholder: 'N',
    description: `also those closed within the last N days (default ${DEFAULT_RECENT_DAYS})`,
  },
  lang: { type: 'string', placeholder: 'ky|ru|en', description: 'language (default ky)' },
  json: { type: 'boolean', description: 'print JSON' },
} as const satisfies Options;

export const command = leaf({
  name: 'pending',
  summary: "The chair's open and recently closed obligations, overdue first.",
  options: OPTIONS,
  notes: ['Give at most one of --overdue, --week, --object ID.'],
  run: pending,
});

export const run = (argv: string[]): Promise<number> => runCommand(command, argv);

// The words this list shares with the dashboard and the mails (days left, state, rungs, escalation) come from
// domain/obligation-messages.ts; these few are the CLI's own.
const T = {
  ky: {
    owedBy: 'Милдеттүү',
    from: 'эсеп',
    due: 'мөөнөт',
    none: 'жок',
    act: 'акт',
    response: 'жооп',
    lateMark: 'кечиккен',
    empty: 'Ачык милдеттер жок.',
  },
  ru: {
    owedBy: 'Обязан',
    from: 'отсчёт',
    due: 'срок',
    none: 'нет',
    act: 'акт',
    response: 'ответ',
    lateMark: 'с опозданием',
    empty: 'Открытых обязанностей нет.',
  },
  en: {
    owedBy: 'Owed by',
    from: 'counted from',
    due: 'due',
    none: 'none',
    act: 'act',
    response: 'response',
    lateMark: 'late',
    empty: 'No open obligations.',
  },
} as const;

function parse({ values }: Parsed<typeof OPTIONS>) {
  const filters = [values.overdue, values.week, values.object !== undefined].filter(Boolean).length;
  if (filters > 1) throw new CliError('pending: give at most one of --overdue, --week, --object ID');
  const filter: PendingFilter | undefined = values.overdue
    ? 'overdue'
    : values.week
      ? 'due-this-week'
      : values.object !== undefined
        ? { objectId: values.object }
        : undefined;
  const today = values.today ?? bishkekDateOf(Date.now());
  if (!isIsoDate(today)) throw new CliError(`pending: --today "${today}" is not a real date in the form YYYY-MM-DD`);
  const recentDays = values['recent-days'] === undefined ? DEFAULT_RECENT_DAYS : Number(values['recent-days']);
  if (!Number.isInteger(recentDays) || recentDays < 0)
    throw new CliError(`pending: --recent-days "${values['recent-days']}" is not a whole number of days`);
  const lang = values.lang ?? 'ky';
  if (!isLang(lang)) throw new CliError(`pending: --lang "${lang}" must be ky, ru or en`);
  return { groupId: values.group!, filter, today, recentDays, lang, json: values.json === true };
}

async function pending(parsed: Parsed<typeof OPTIONS>): Promise<number> {
  const args = parse(parsed);
  return withDatabase(async (db) => {
    const group = await findGroupById(db, args.groupId);
    if (!group) throw new CliError(`pending: no group with id ${args.groupId}`);
    const calendar = await calendarForCouncil(db, group.council_id);
    const items = await pendingObligations(db, {
      groupId: args.groupId,
      today: args.today,
      calendar,
      recentDays: args.recentDays,
      ...(args.filter ? { filter: args.filter } : {}),
    });
    if (args.json) {
      process.stdout.write(
        JSON.stringify({ groupId: args.groupId, today: args.today, filter: args.filter ?? null, items }, null, 2) +
          '\n',
      );
      return 0;
    }
    process.stdout.write(
      items.length === 0 ? `${T[args.lang].empty}\n` : items.map((item) => format(item, args.lang)).join('\n') + '\n',
    );
    return 0;
  });
}

/** One obligation as a few lines: state and what is owed; who, from when, due when; reminders and escalation; links. */
export function format(item: PendingObligation, lang: Lang): string {
  const t = T[lang];
  const name = (n: { ky: string; ru: string }) => (lang === 'ru' ? n.ru : n.ky);
  const stateWord = obligationStateText(lang, item.overdue ? 'overdue' : item.open ? 'open' : item.status);
  const state = stateWord.toLocaleUpperCase(lang);
  let timing = '';
  if (item.daysLeft) timing = daysLeftText(lang, item.daysLeft);
  else if (item.closedAt) timing = dmy(bishkekDateOf(Date.parse(item.closedAt)));
  const party =
    [item.party.role?.[lang], item.party.name ? name(item.party.name) : null].filter(Boolean).join(' — ') ||
    item.party.id;
  const lines = [
    `${state}  ${item.title[lang]} (${clauseText(lang, item.clause, 'short')})  ${timing}`,
    `  ${t.owedBy}: ${party}; ${t.from} ${dmy(item.anchorDate)}; ${t.due} ${dmy(item.dueDate)}${item.dueOnNonWorkingDay ? ` (${obligationText(lang, 'obligation.nonWorkingDue')}${item.dueOnNonWorkingDay.name ? `: ${name(item.dueOnNonWorkingDay.name)}` : ''})` : ''}`,
    `  ${obligationText(lang, 'obligation.reminders')}: ${item.reminders.length === 0 ? t.none : item.reminders.map((r) => `${rungText(lang, r.rung)} ${dmy(bishkekDateOf(Date.parse(r.sentAt)))}`).join(', ')}${item.escalation ? `; ${obligationText(lang, 'obligation.escalated', { date: dmy(bishkekDateOf(Date.parse(item.escalation.sentAt))) })}` : ''}`,
  ];
  const links = [
    item.act ? `${t.act} ${item.act.number ?? ''} ${item.act.path}`.replace('  ', ' ') : null,
    ...item.responses.map(
      (r) =>
        `${t.response} ${dmy(bishkekDateOf(Date.parse(r.submittedAt)))}${r.late ? ` (${t.lateMark})` : ''} ${r.path}`,
    ),
  ].filter(Boolean);
  if (links.length > 0) lines.push(`  ${links.join('; ')}`);
  return lines.join('\n');
}
