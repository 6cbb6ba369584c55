// A use case on a summary report (8.1) starts from the report it names; a report that does not exist is refused on
// the reportId field, in the user's language, before anything is written.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import { findReport, type SummaryReport } from '../../db/summary-reports';
import { loc } from '../../domain/i18n';
import { problem } from '../../domain/problem';
import { ProcedureRefusedError } from '../engine';

/** The report, or a refusal naming reportId when there is none. */
export async function knownReport(db: Kysely<Database>, reportId: string): Promise<SummaryReport> {
  const report = await findReport(db, reportId);
  if (!report)
    throw new ProcedureRefusedError(`reportId: unknown report ${reportId}`, [
      problem(
        'unknown-report',
        'reportId',
        null,
        loc(`${reportId} деген отчет жок.`, `Отчёта ${reportId} нет.`, `There is no report ${reportId}.`),
      ),
    ]);
  return report;
}
