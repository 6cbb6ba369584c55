// Projection: the group's summary reports (issue 15 point 2) and the council's days for them.
import type { Transaction } from 'kysely';
import type { Database } from '../database';
import type { ReportEvent } from '../report-events';
import { expectOne } from './expect-one';
import type { Stored } from './stored';

const EMPTY_TEXTS = JSON.stringify({ events: '', results: '', conclusions: '' });

export async function apply(trx: Transaction<Database>, event: Stored<ReportEvent>): Promise<void> {
  switch (event.type) {
    case 'report.drafted': {
      const p = event.payload;
      await trx
        .insertInto('summary_reports')
        .values({
          id: p.reportId,
          group_id: p.groupId,
          period: p.period,
          start_date: p.start,
          end_date: p.end,
          due_date: p.due,
          status: 'draft',
          texts: EMPTY_TEXTS,
          facts: null,
          submitted_on: null,
          notice_id: null,
          drafted_at: event.occurredAt,
        })
        .execute();
      return;
    }
    case 'report.edited': {
      const p = event.payload;
      expectOne(
        await trx
          .updateTable('summary_reports')
          .set({ texts: JSON.stringify(p.texts) })
          .where('id', '=', p.reportId)
          .executeTakeFirst(),
        'summary_reports',
        p.reportId,
      );
      return;
    }
    case 'report.submitted': {
      const p = event.payload;
      expectOne(
        await trx
          .updateTable('summary_reports')
          .set({
            status: 'submitted',
            texts: JSON.stringify(p.texts),
            facts: JSON.stringify(p.facts),
            submitted_on: p.submittedOn,
            notice_id: p.noticeId,
          })
          .where('id', '=', p.reportId)
          .executeTakeFirst(),
        'summary_reports',
        p.reportId,
      );
      return;
    }
    case 'report.presentation-set': {
      const p = event.payload;
      expectOne(
        await trx
          .updateTable('summary_reports')
          .set({ presentation_meeting_id: p.meetingId })
          .where('id', '=', p.reportId)
          .executeTakeFirst(),
        'summary_reports',
        p.reportId,
      );
      return;
    }
    case 'council.report-due-days-set': {
      const p = event.payload;
      expectOne(
        await trx
          .updateTable('councils')
          .set({ report_due_days: p.days })
          .where('id', '=', p.councilId)
          .executeTakeFirst(),
        'councils',
        p.councilId,
      );
      return;
    }
  }
}
