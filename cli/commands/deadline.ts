// `jmeg deadline <obligation-key> --from YYYY-MM-DD`: the due date of a statutory obligation and its
// explanation (the days counted, every non-working day skipped with its name), on the calendar of the object's kind.
import { MONITORED_OBJECT_KINDS, type MonitoredObjectKind } from '../../domain/act';
import { parseIsoDate } from '../../domain/dates';
import { computeDeadline, explainDeadline, OBLIGATION_KEYS } from '../../domain/deadlines';
import { DomainError } from '../../domain/domain-error';
import { CALENDAR_KIND_NAMES, calendarKindOf, calendarOfKind } from '../../domain/object-calendar';
import { CliError } from '../cli-error';
import { langOption, loadCalendar, parseCliArgs } from './calendar';

const USAGE = `usage: jmeg deadline <${OBLIGATION_KEYS.join('|')}> --from YYYY-MM-DD [--calendar FILE.json|FILE.ics] [--replace-years] [--object-kind KIND] [--follows-transfers] [--lang ky|ru|en] [--json] [--extended]`;
const KINDS = Object.keys(MONITORED_OBJECT_KINDS);

export function run(argv: string[]): Promise<number> {
  return Promise.resolve(argv).then(deadline);
}

function deadline(argv: string[]): number {
  const { values, positionals } = parseCliArgs('deadline', USAGE, argv, {
    from: { type: 'string' },
    calendar: { type: 'string' },
    'replace-years': { type: 'boolean' },
    lang: { type: 'string' },
    json: { type: 'boolean' },
    extended: { type: 'boolean' },
    'object-kind': { type: 'string' },
    'follows-transfers': { type: 'boolean' },
  });
  const [key, ...extra] = positionals;
  if (key === undefined) throw new CliError(`deadline: the obligation key is required; ${USAGE}`);
  if (extra.length > 0) throw new CliError(`deadline: unexpected argument "${extra[0]}"; ${USAGE}`);
  if (values.from === undefined)
    throw new CliError('deadline: --from YYYY-MM-DD is required (the date of the event the count starts from)');
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
    const from = parseIsoDate(values.from, '--from');
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
