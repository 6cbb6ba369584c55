// A summary report's procedure (issue 15 point 2; 8.1): drafted for a half-year or a year once the period has ended,
// due the council's number of days later (not statutory), with the chair reminded before the due date and the council
// told once when it passes; the chair's submission publishes and mails the report and ends the procedure.
import { allHandlersFinished, ApplicationFailure, condition, proxyActivities, setHandler } from '@temporalio/workflow';
import { compareDates } from '../../domain/dates';
import { problem } from '../../domain/problem';
import { loc } from '../../domain/i18n';
import { trackObligation } from '../obligation/track-obligation';
import type { ReportActivities } from './activities-contract';
import {
  reportStateQuery,
  submitReportUpdate,
  type ReportInput,
  type ReportState,
  type ReportSubmission,
  type SubmitReportInput,
} from './contract';

const { submitSummaryReport } = proxyActivities<ReportActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

export async function reportWorkflow(input: ReportInput): Promise<ReportSubmission> {
  let submission: ReportSubmission | null = null;
  let submitting = false;
  const obligation = trackObligation({
    obligationId: `report:${input.reportId}`,
    groupId: input.groupId,
    councilId: input.councilId,
    key: 'summary-report',
    clause: '8.1',
    party: 'chair',
    anchor: input.periodEnd,
    due: input.due,
    ...(input.reminderHour === undefined ? {} : { reminderHour: input.reminderHour }),
  });

  setHandler(reportStateQuery, (): ReportState => ({
    reportId: input.reportId,
    period: input.period,
    due: input.due,
    submission,
    obligation: obligation.opened() ? obligation.state() : null,
  }));

  setHandler(
    submitReportUpdate,
    async (req) => {
      submitting = true;
      // The obligation's row must exist before it is fulfilled (its 'opened' fact is recorded by an activity).
      await condition(() => obligation.opened());
      const late = compareDates(req.on, input.due) > 0;
      const done = await submitSummaryReport({ ...req, reportId: input.reportId, late });
      obligation.fulfil(req.on);
      submission = { ...done, late };
      return submission;
    },
    {
      validator: (req: SubmitReportInput) => {
        if (submission !== null || submitting)
          throw ApplicationFailure.create({
            type: 'ReportRefused',
            message: 'report: already submitted',
            nonRetryable: true,
            details: [
              [
                problem(
                  'already-recorded',
                  'report',
                  '8.1',
                  loc('Отчет мурда эле жөнөтүлгөн.', 'Отчёт уже отправлен.', 'The report has already been submitted.'),
                ),
              ],
            ],
          });
        if (compareDates(req.on, input.periodEnd) <= 0)
          throw ApplicationFailure.create({
            type: 'ReportRefused',
            message: 'on: the period has not ended',
            nonRetryable: true,
            details: [
              [
                problem(
                  'period-not-ended',
                  'on',
                  '8.1',
                  loc(
                    'Мезгил али бүтө элек: отчет андан кийин жөнөтүлөт.',
                    'Период ещё не закончился: отчёт отправляется после него.',
                    'The period has not ended: the report is submitted after it.',
                  ),
                ),
              ],
            ],
          });
      },
    },
  );

  await obligation.done;
  await condition(() => submission !== null && allHandlersFinished());
  return submission!;
}
