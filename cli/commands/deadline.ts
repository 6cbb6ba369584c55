// `jmeg deadline <obligation-key> --from YYYY-MM-DD`: the due date of a statutory obligation and its
// explanation (the days counted, every non-working day skipped with its name), on the calendar of the object's kind.
import { MONITORED_OBJECT_KINDS, type MonitoredObjectKind } from '../../domain/act';
import { parseIsoDate } from '../../domain/dates';
import { computeDeadline, explainDeadline, OBLIGATION_KEYS } from '../../domain/deadlines';
import { DomainError } from '../../domain/domain-error';
import { CALENDAR_KIND_NAMES, calendarKindOf, calendarOfKind } from '../../domain/object-calendar';
import { CliError } from '../cli-error';
import { leaf, runCommand, type Options, type Parsed } from '../command';
import { CALENDAR_FILE_OPTIONS, LANG_OPTION, langOption, loadCalendar } from './calendar';

const KINDS = Object.keys(MONITORED_OBJECT_KINDS);

const OPTIONS = {
  from: {
    type: 'string',
    placeholder: 'YYYY-MM-DD',
    description: 'the date of the event the count starts from',
    required: true,
  },
  ...CALENDAR_FILE_OPTIONS,
  'object-kind': {
    type: 'string',
    placeholder: 'KIND',
    description: `count on the calendar of this kind of object (4.2): ${KINDS.join(', ')}`,
  },
  'follows-transfers': { type: 'boolean', description: "the object follows the Cabinet's transfers of days off" },
  lang: LANG_OPTION,
  json: { type: 'boolean', description: 'print JSON' },
  extended: { type: 'boolean', description: 'the extended period, where the rule allows one' },
} as const satisfies Options;

export const command = leaf({
  name: 'deadline',
  summary:
    'The due date of a statutory obligation and its explanation (the days counted, every non-working day skipped with its name).',
  positionals: [{ name: '<obligation-key>', description: OBLIGATION_KEYS.join(', ') }],
  options: OPTIONS,
  run: (parsed) => deadline(parsed),
});

export const run = (argv: string[]): Promise<number> => runCommand(command, argv);

function deadline({ values, positionals }: Parsed<typeof OPTIONS>): number {
  const key = positionals[0]!;
  const lang = langOption(values.lang);
  const objectKind = values['object-kind'];
  if (objectKind !== undefined && !KINDS.includes(objectKind))
    throw new CliError(`deadline: --object-kind "${objectKind}" is not a kind of 4.2; kinds: ${KINDS.join(', ')}`);
  if (values['follows-transfers'] && objectKind === undefined)
    throw new CliError('deadline: --follows-transfers needs --object-kind KIND');
  // Without a kind: the calendar with the Cabinet's transfers.
  const calendarKind =
    objectKind === undefined
      ? 'with-transfers'
      : calendarKindOf(objectKind as MonitoredObjectKind, values['follows-transfers'] ?? false);

  try {
    const from = parseIsoDate(values.from!, '--from');
    const calendar = calendarOfKind(loadCalendar(values.calendar, values['replace-years']), calendarKind);
    const result = computeDeadline(key, from, calendar, { extended: values.extended });
    if (values.json) {
      const { key: k, clause, rule, extended, due, dueInstant, counted, skipped, movedFrom, calendarNotes } = result;
      process.stdout.write(
        JSON.stringify(
          {
            key: k,
            clause,
            rule,
            extended,
            from,
            due,
            dueInstant,
            counted,
            skipped,
            movedFrom,
            calendarNotes,
            calendar: calendarKind,
            ...(objectKind === undefined ? {} : { objectKind }),
          },
          null,
          2,
        ) + '\n',
      );
    } else {
      const calendarLine = { ky: 'Календарь', ru: 'Календарь', en: 'Calendar' }[lang];
      const lines = [...explainDeadline(result, lang), `${calendarLine}: ${CALENDAR_KIND_NAMES[calendarKind][lang]}`];
      process.stdout.write(lines.join('\n') + '\n');
    }
    return 0;
  } catch (error) {
    if (error instanceof DomainError) throw new CliError(`deadline: ${error.message}`);
    throw error;
  }
}
