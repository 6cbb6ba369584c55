// Reads a roster CSV file (UTF-8, optional BOM, comma or semicolon separated) and validates its rows.
// Shared by `jmeg roster check` and `jmeg roster import`.
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { IsoDate } from '../domain/dates';
import { templateHeader, validateRosterRows } from '../domain/roster';
import type { RosterMember, RosterRowIssue } from '../domain/roster';
import { CliError } from './cli-error';

/** A row error or warning with the line of the file where the row starts. */
export type RosterFileError = RosterRowIssue & { line: number };
export type RosterFileWarning = RosterFileError;
export type RosterFile = {
  members: RosterMember[];
  /** The data row (1-based) each member comes from. */
  memberRows: number[];
  /** Rows that cannot be read: nothing is checked or imported while there are any. */
  errors: RosterFileError[];
  /** Rows kept as written (a phone that is not valid, an empty workplace or village, a birth year alone). */
  warnings: RosterFileWarning[];
};

/**
 * Reads and validates a roster file. Throws CliError (exit 2) when the file cannot be read or is not
 * CSV; returns the row errors and warnings otherwise, each with its data row (1 = first row after the
 * header) and its line in the file. With `today`, birth dates after it are errors.
 */
export async function readRosterFile(path: string, opts: { today?: IsoDate } = {}): Promise<RosterFile> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a directory'
          : code === 'EACCES'
            ? 'permission denied'
            : String(code ?? error);
    throw new CliError(`${path}: cannot read the file (${why})`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CliError(`${path}: not UTF-8 text; save the table as "CSV UTF-8"`);
  }
  text = text.replace(/^\uFEFF/u, '');
  if (text.trim() === '')
    throw new CliError(`${path}: the file is empty; expected a header line such as ${templateHeader('en').join(',')}`);

  const firstLine = text.slice(0, text.search(/\r?\n|$/u));
  const delimiter = firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new CliError(`${path}: not a readable CSV file: ${message}`);
  }
  const [header, ...rows] = records;
  if (!header) throw new CliError(`${path}: no header line`);
  const startLine = (r: { record: string[]; info: { lines: number } }) =>
    r.info.lines - r.record.reduce((sum, cell) => sum + (cell.match(/\n/gu)?.length ?? 0), 0);
  const { members, memberRows, errors, warnings } = validateRosterRows(
    header.record,
    rows.map((r) => r.record),
    opts,
  );
  const withLine = (e: RosterRowIssue) => ({
    ...e,
    line: e.row === 0 ? startLine(header) : startLine(rows[e.row - 1]!),
  });
  return { members, memberRows, errors: errors.map(withLine), warnings: warnings.map(withLine) };
}
