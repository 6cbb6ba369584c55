// The typed contract of a summary report's procedure (issue 15 point 2): one workflow per group and period, from the
// draft to the submission; the due date (the council's days after the period's end) is tracked as an obligation with
// reminders to the chair and one escalation to the council.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { IsoDate } from '../../domain/dates';
import type { ObligationState } from '../obligation/contract';

export const reportWorkflowId = (reportId: string): string => `report-${reportId}`;

export interface ReportInput {
  reportId: string;
  groupId: string;
  councilId: string;
  /** '2026-H1', '2026-H2' or '2026'. */
  period: string;
  periodEnd: IsoDate;
  due: IsoDate;
  reminderHour?: number;
}

export interface SubmitReportInput {
  /** The day of the submission (Bishkek). */
  on: IsoDate;
  actor: string;
}

export interface ReportSubmission {
  submittedOn: IsoDate;
  late: boolean;
  noticeId: string;
  /** How many addresses the report was mailed to (the addresses themselves stay out of the history). */
  mailed: number;
}

export interface ReportState {
  reportId: string;
  period: string;
  due: IsoDate;
  submission: ReportSubmission | null;
  obligation: ObligationState | null;
}

export const submitReportUpdate = defineUpdate<ReportSubmission, [SubmitReportInput]>('submitReport');
export const reportStateQuery = defineQuery<ReportState>('reportState');
