// Candidate lists uploaded as CSV on the formation page: the roster format of `jmeg roster check` (domain/roster.ts
// validateRosterRows: UTF-8, optional BOM, `,` or `;`, headers and values in Kyrgyz, Russian or English, columns in any
// order), all rows of the step's category; the gathering's protocol adds a votes column (5.4.4). A row that cannot be
// read is a problem and nothing is sent then; a row kept as written (a phone that is not valid, one phone for two
// rows, an empty workplace or village, a birth year alone) is a warning naming the row.
import { parse } from 'csv-parse/sync';
import type { IsoDate } from '../../domain/dates';
import { loc, type Lang, type Localized } from '../../domain/i18n';
import { problem, type Problem } from '../../domain/problem';
import {
  categoryWord,
  matchHeader,
  rowLabel,
  sharedPhoneWarnings,
  templateHeader,
  validateRosterRows,
  type BirthDate,
  type Category,
  type RosterMember,
  type RosterRowIssue,
} from '../../domain/roster';
import type { PersonInput } from '../../workflows/formation/contract';

export type CsvProblem = Problem;

export type CsvPerson = PersonInput & { votes?: number };

const each = (f: (lang: Lang) => string): Localized => ({ ky: f('ky'), ru: f('ru'), en: f('en') });

function birthDateText(b: BirthDate): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return b.month === undefined || b.day === undefined ? String(b.year) : `${b.year}-${p(b.month)}-${p(b.day)}`;
}

/** A row's finding as a Problem: its field names the row in words (number and the person's name), not a path. */
function rowProblem(e: RosterRowIssue, clause: string | null = null): Problem {
  const where = rowLabel(e.row, e.fullName);
  return problem(
    e.rule,
    e.row === 0 ? 'file: header' : `file: row ${e.row}, ${e.field}`,
    clause,
    each((l) => `${where[l]}: ${e.message[l]}`),
  );
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

/**
 * The rows of a candidate list file as people of `category`, the problems that refuse the file (one per row and
 * column that cannot be read) and the warnings on rows kept as written.
 */
export function parseCandidateCsv(
  bytes: Buffer,
  opts: { category: Category; votes: boolean; today: IsoDate },
): { people: CsvPerson[]; problems: CsvProblem[]; warnings: CsvProblem[] } {
  const refuse = (code: string, message: Localized, clause: string | null = null) => ({
    people: [],
    problems: [problem(code, 'file', clause, message)],
    warnings: [],
  });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/u, '');
  } catch {
    return refuse(
      'not-utf8',
      loc(
        'файл UTF-8 текст эмес; таблицаны «CSV UTF-8» катары сактаңыз',
        'файл не в кодировке UTF-8; сохраните таблицу как «CSV UTF-8»',
        'the file is not UTF-8 text; save the table as "CSV UTF-8"',
      ),
    );
  }
  const expected = each((l) => templateHeader(l, { votes: opts.votes }).join(', '));
  if (text.trim() === '')
    return refuse(
      'empty-file',
      loc(
        `файл бош; баш сап: ${expected.ky}`,
        `файл пуст; заголовок: ${expected.ru}`,
        `the file is empty; header: ${expected.en}`,
      ),
    );
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
    return refuse(
      'not-csv',
      loc(`CSV файл катары окулбайт: ${why}`, `не читается как CSV: ${why}`, `not a readable CSV file: ${why}`),
    );
  }
  const [header = [], ...body] = rows;
  const at = opts.votes ? header.findIndex((h) => matchHeader(h) === 'votes') : -1;
  if (opts.votes && at < 0) {
    return refuse(
      'missing-votes-column',
      loc(
        `«${templateHeader('ky', { votes: true }).at(-1)}» тилкеси жок; баш сап: ${expected.ky}`,
        `нет столбца «${templateHeader('ru', { votes: true }).at(-1)}»; заголовок: ${expected.ru}`,
        `no "${templateHeader('en', { votes: true }).at(-1)}" column; header: ${expected.en}`,
      ),
      '5.4.4',
    );
  }
  const without = (r: string[]) => (at < 0 ? r : r.filter((_, i) => i !== at));
  const { members, memberRows, errors, warnings } = validateRosterRows(without(header), body.map(without), {
    today: opts.today,
  });
  const problems: CsvProblem[] = errors.map((e) => rowProblem(e));
  const rowWarnings = [...warnings, ...sharedPhoneWarnings(members, memberRows)]
    .sort((x, y) => x.row - y.row)
    .map((w) => rowProblem(w));
  if (problems.length > 0) return { people: [], problems, warnings: rowWarnings };
  const people: CsvPerson[] = [];
  members.forEach((m, i) => {
    const row = memberRows[i]!;
    if (m.category !== opts.category) {
      problems.push(
        rowProblem(
          {
            row,
            field: 'category',
            rule: 'wrong-category',
            fullName: m.fullName,
            message: each((l) =>
              l === 'ky'
                ? `категориясы «${categoryWord(m.category, l)}», бул тизмеде «${categoryWord(opts.category, l)}» гана`
                : l === 'ru'
                  ? `категория «${categoryWord(m.category, l)}», в этом списке только «${categoryWord(opts.category, l)}»`
                  : `category "${categoryWord(m.category, l)}"; this list holds only "${categoryWord(opts.category, l)}"`,
            ),
          },
          '5.2.3',
        ),
      );
    }
    const person: CsvPerson = toPerson(m);
    if (opts.votes) {
      const votes = (body[row - 1]![at] ?? '').trim();
      if (!/^\d{1,9}$/.test(votes)) {
        problems.push(
          rowProblem(
            {
              row,
              field: 'votes',
              rule: 'invalid-votes',
              fullName: m.fullName,
              message: each((l) =>
                l === 'ky'
                  ? `добуштар «${votes}» бүтүн сан эмес`
                  : l === 'ru'
                    ? `голоса «${votes}» — не целое число`
                    : `votes "${votes}" is not a whole number`,
              ),
            },
            '5.4.4',
          ),
        );
      } else person.votes = Number(votes);
    }
    people.push(person);
  });
  return problems.length > 0
    ? { people: [], problems, warnings: rowWarnings }
    : { people, problems, warnings: rowWarnings };
}
