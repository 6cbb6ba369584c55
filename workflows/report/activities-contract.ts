// The activities the summary report's procedure calls besides the obligation activities (types only; the real ones
// are built in activities/reports/).
import type { ReportSubmission, SubmitReportInput } from './contract';

export interface ReportActivities {
  /**
   * Freezes the period's counts into the report, publishes it to the community (a notice on the board and its feed)
   * and mails it (Kyrgyz and Russian) to the executive body and the council, each once (outbox keys per report).
   */
  submitSummaryReport(
    input: SubmitReportInput & { reportId: string; late: boolean },
  ): Promise<Omit<ReportSubmission, 'late'>>;
}
