// `jmeg deadline <obligation-key> --from YYYY-MM-DD`: the due date of a statutory obligation and its
// explanation (the days counted, every non-working day skipped with its name).
import { parseIsoDate } from '../../domain/dates';
import { computeDeadline, explainDeadline, OBLIGATION_KEYS } from '../../domain/deadlines';
import { DomainError } from '../../domain/domain-error';
import { CliError } from '../cli-error';
import { langOption, loadCalendar, parseCliArgs } from './calendar';

const USAGE = `usage: jmeg deadline <${OBLIGATION_KEYS.join('|')}> --from YYYY-MM-DD [--calendar FILE.json|FILE.ics] [--replace-years] [--lang ky|ru|en] [--json] [--extended]`;

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
  });
  const [key, ...extra] = positionals;
  if (key === undefined) throw new CliError(`deadline: the obligation key is required; ${USAGE}`);
  if (extra.length > 0) throw new CliError(`deadline: unexpected argument "${extra[0]}"; ${USAGE}`);
  if (values.from === undefined)
    throw new CliError('deadline: --from YYYY-MM-DD is required (the date of the event the count starts from)');
  const lang = langOption(values.lang);

  try {
    const from = parseIsoDate(values.from, '--from');
    const calendar = loadCalendar(values.calendar, values['replace-years']);
    const result = computeDeadline(key, from, calendar, { extended: values.extended });
    if (values.json) {
      const { key: k, clause, rule, extended, due, dueInstant, counted, skipped, movedFrom, calendarNotes } = result;
      process.stdout.write(
        JSON.stringify(
          { key: k, clause, rule, extended, from, due, dueInstant, counted, skipped, movedFrom, calendarNotes },
          null,
          2,
        ) + '\n',
      );
    } else {
      process.stdout.write(explainDeadline(result, lang).join('\n') + '\n');
    }
    return 0;
  } catch (error) {
    if (error instanceof DomainError) throw new CliError(`deadline: ${error.message}`);
    throw error;
  }
}
