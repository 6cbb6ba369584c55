// The members of a group taken on, from a CSV file in the roster format that `jmeg roster check` reads
// (domain/roster.ts validateRosterRows: UTF-8, optional BOM, `,` or `;`, headers and values in Kyrgyz, Russian or
// English, columns in any order). A row that cannot be read refuses the file (a problem naming its row and column);
// a row kept as written (a phone that is not a valid number, an empty village, a birth year alone) is a warning.
import { parse } from 'csv-parse/sync';
import type { IsoDate } from '../../domain/dates';
import { loc, type Localized } from '../../domain/i18n';
import { problem, type Problem } from '../../domain/problem';
import {
  rowLabel,
  templateHeader,
  validateRosterRows,
  type RosterMember,
  type RosterRowIssue,
} from '../../domain/roster';

export interface RosterCsv {
  members: RosterMember[];
  /** Rows that cannot be read: nothing is taken on while there are any. */
  problems: Problem[];
  /** Rows kept as written. */
  warnings: Problem[];
}

/** A row's finding: the field names the file's row and column ("csv: row 3, phone"), the words name the person. */
function rowProblem(e: RosterRowIssue): Problem {
  const where = rowLabel(e.row, e.fullName);
  const field = e.row === 0 ? 'csv: header' : `csv: row ${e.row}, ${e.field}`;
  const message: Localized = loc(
    `${where.ky}: ${e.message.ky}`,
    `${where.ru}: ${e.message.ru}`,
    `${where.en}: ${e.message.en}`,
  );
  return problem(e.rule, field, null, message);
}

const refuse = (code: string, message: Localized): RosterCsv => ({
  members: [],
  problems: [problem(code, 'csv', null, message)],
  warnings: [],
});

/** Reads the file's bytes (or text) as a roster; `today` refuses birth dates after it. */
export function readRosterCsv(input: Uint8Array | string, today: IsoDate): RosterCsv {
  let text: string;
  if (typeof input === 'string') text = input;
  else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(input);
    } catch {
      return refuse(
        'not-utf8',
        loc(
          'CSV файл UTF-8 текст эмес; таблицаны «CSV UTF-8» катары сактаңыз',
          'CSV-файл не в кодировке UTF-8; сохраните таблицу как «CSV UTF-8»',
          'the CSV file is not UTF-8 text; save the table as "CSV UTF-8"',
        ),
      );
    }
  }
  text = text.replace(/^\uFEFF/u, '');
  if (text.trim() === '') {
    const header = (l: 'ky' | 'ru' | 'en') => templateHeader(l).join(',');
    return refuse(
      'empty-file',
      loc(
        `CSV файл бош; баш сап: ${header('ky')}`,
        `CSV-файл пуст; заголовок: ${header('ru')}`,
        `the CSV file is empty; header: ${header('en')}`,
      ),
    );
  }
  const firstLine = text.slice(0, text.search(/\r?\n|$/u));
  let rows: string[][];
  try {
    rows = parse(text, {
      delimiter: firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',',
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
    });
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return refuse(
      'not-csv',
      loc(`CSV файл катары окулбайт: ${why}`, `не читается как CSV: ${why}`, `not a readable CSV file: ${why}`),
    );
  }
  const [header = [], ...body] = rows;
  const { members, errors, warnings } = validateRosterRows(header, body, { today });
  return { members, problems: errors.map(rowProblem), warnings: warnings.map(rowProblem) };
}
