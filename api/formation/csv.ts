// Candidate lists uploaded as CSV on the formation page: the roster format of `jmeg roster check` (domain/roster.ts
// validateRosterRows: UTF-8, optional BOM, `,` or `;`), all rows of the step's category; the gathering's protocol
// adds a `votes` column (5.4.4). Every bad row is reported with its row, column and rule; nothing is sent then.
import { parse } from 'csv-parse/sync';
import type { IsoDate } from '../../domain/dates';
import type { Localized } from '../../domain/i18n';
import {
  CATEGORY_LABELS,
  ROSTER_COLUMNS,
  validateRosterRows,
  type BirthDate,
  type Category,
  type RosterMember,
} from '../../domain/roster';
import type { PersonInput } from '../../workflows/formation/contract';

export interface CsvProblem {
  code: string;
  field: string;
  clause: string | null;
  message: Localized;
}

export type CsvPerson = PersonInput & { votes?: number };

const loc = (ky: string, ru: string, en: string): Localized => ({ ky, ru, en });

function birthDateText(b: BirthDate): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return b.month === undefined || b.day === undefined ? String(b.year) : `${b.year}-${p(b.month)}-${p(b.day)}`;
}

const toPerson = (m: RosterMember): PersonInput => ({
  fullName: m.fullName,
  sex: m.sex,
  birthDate: birthDateText(m.birthDate),
  workplace: m.workplace,
  village: m.village,
  phone: m.phone,
  email: m.email,
});

/** The rows of a candidate list file as people of `category`, or the problems (one per bad row and column). */
export function parseCandidateCsv(
  bytes: Buffer,
  opts: { category: Category; votes: boolean; today: IsoDate },
): { people: CsvPerson[]; problems: CsvProblem[] } {
  const problem = (code: string, field: string, message: Localized, clause: string | null = null): CsvProblem => ({
    code,
    field,
    clause,
    message,
  });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/u, '');
  } catch {
    return {
      people: [],
      problems: [
        problem(
          'not-utf8',
          'file',
          loc(
            'файл UTF-8 текст эмес; таблицаны «CSV UTF-8» катары сактаңыз',
            'файл не в кодировке UTF-8; сохраните таблицу как «CSV UTF-8»',
            'the file is not UTF-8 text; save the table as "CSV UTF-8"',
          ),
        ),
      ],
    };
  }
  const expected = [...ROSTER_COLUMNS, ...(opts.votes ? ['votes'] : [])].join(',');
  if (text.trim() === '')
    return {
      people: [],
      problems: [
        problem(
          'empty-file',
          'file',
          loc(
            `файл бош; баш сап: ${expected}`,
            `файл пуст; заголовок: ${expected}`,
            `the file is empty; header: ${expected}`,
          ),
        ),
      ],
    };
  const firstLine = text.slice(0, text.search(/\r?\n|$/u));
  let rows: string[][];
  try {
    const records: unknown = parse(text, {
      delimiter: firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',',
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
    });
    rows = records as string[][];
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return {
      people: [],
      problems: [
        problem(
          'not-csv',
          'file',
          loc(`CSV файл катары окулбайт: ${why}`, `не читается как CSV: ${why}`, `not a readable CSV file: ${why}`),
        ),
      ],
    };
  }
  const [header = [], ...body] = rows;
  const at = opts.votes ? header.map((h) => h.trim()).indexOf('votes') : -1;
  if (opts.votes && at < 0) {
    return {
      people: [],
      problems: [
        problem(
          'missing-votes-column',
          'file',
          loc(
            `"votes" тилкеси жок; баш сап: ${expected}`,
            `нет столбца "votes"; заголовок: ${expected}`,
            `no "votes" column; header: ${expected}`,
          ),
          '5.4.4',
        ),
      ],
    };
  }
  const without = (r: string[]) => (at < 0 ? r : r.filter((_, i) => i !== at));
  const { members, errors } = validateRosterRows(without(header), body.map(without), { today: opts.today });
  const problems: CsvProblem[] = errors.map((e) =>
    problem(
      e.rule,
      e.row === 0 ? 'file: header' : `file: row ${e.row}, ${e.field}`,
      e.row === 0
        ? e.message
        : loc(`${e.row}-сап: ${e.message.ky}`, `строка ${e.row}: ${e.message.ru}`, `row ${e.row}: ${e.message.en}`),
    ),
  );
  if (problems.length > 0) return { people: [], problems };
  const label = CATEGORY_LABELS[opts.category];
  const people: CsvPerson[] = [];
  members.forEach((m, i) => {
    const row = i + 1;
    if (m.category !== opts.category) {
      problems.push(
        problem(
          'wrong-category',
          `file: row ${row}, category`,
          loc(
            `${row}-сап: категориясы "${m.category}", бул тизмеде ${label.ky} гана`,
            `строка ${row}: категория "${m.category}", в этом списке только: ${label.ru}`,
            `row ${row}: category "${m.category}"; this list holds only: ${label.en}`,
          ),
          '5.2.3',
        ),
      );
    }
    const person: CsvPerson = toPerson(m);
    if (opts.votes) {
      const votes = (body[i]![at] ?? '').trim();
      if (!/^\d{1,9}$/.test(votes)) {
        problems.push(
          problem(
            'invalid-votes',
            `file: row ${row}, votes`,
            loc(
              `${row}-сап: добуштар "${votes}" бүтүн сан эмес`,
              `строка ${row}: голоса "${votes}" — не целое число`,
              `row ${row}: votes "${votes}" is not a whole number`,
            ),
            '5.4.4',
          ),
        );
      } else person.votes = Number(votes);
    }
    people.push(person);
  });
  return problems.length > 0 ? { people: [], problems } : { people, problems };
}
