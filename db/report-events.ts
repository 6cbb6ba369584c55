// The group's summary reports (issue 15 point 2), one stream per report: drafted for a period, its text parts edited,
// submitted with the counts frozen; and the council's own number of days after a period's end the report is due.
import type { IsoDate } from '../domain/dates';
import type { ReportFacts, StoredReportTexts } from '../domain/summary-report';

type Ev<T extends string, P> = { type: T; payload: P };

export const reportStream = (reportId: string): string => `report-${reportId}`;

export type ReportEvent =
  | Ev<
      'report.drafted',
      {
        reportId: string;
        groupId: string;
        councilId: string;
        /** '2026-H1', '2026-H2' or '2026' (domain/summary-report.ts periodKey). */
        period: string;
        start: IsoDate;
        end: IsoDate;
        due: IsoDate;
      }
    >
  | Ev<'report.edited', { reportId: string; texts: StoredReportTexts }>
  | Ev<
      'report.submitted',
      { reportId: string; submittedOn: IsoDate; texts: StoredReportTexts; facts: ReportFacts; noticeId: string | null }
    >
  /** 7.2.4: the annual gathering at which a yearly report is presented, chosen by staff or the chair. */
  | Ev<'report.presentation-set', { reportId: string; meetingId: string }>
  | Ev<'council.report-due-days-set', { councilId: string; days: number }>;
