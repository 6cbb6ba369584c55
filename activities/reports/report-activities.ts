// The summary report's activities (issue 15 point 2): freeze the counts, publish the report to the community and mail
// it to the executive body and the council, each once: the report's submission, its notice and each mail have business
// keys, so a retried activity writes and sends nothing twice.
import { ApplicationFailure } from '@temporalio/common';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import { NOTICE_CHANNELS, publishNotice } from '../../db/notices';
import { draftFacts, findReport, groupGatherings, recordSubmittedReport } from '../../db/summary-reports';
import { dmy } from '../../domain/messages';
import { periodName, presentationGathering, reportPlainText } from '../../domain/summary-report';
import type { ReportActivities } from '../../workflows/report/activities-contract';
import type { ActConfig } from '../acts/act-activities';
import type { MailTransport } from '../mail/build-transport';
import { isAddress } from '../mail/resolve-recipients';
import { sendViaOutbox } from '../mail/send-via-outbox';
import { mailBaseUrl } from '../mail/base-url';

export function createReportActivities({
  db,
  transport,
  config,
  clock,
}: {
  db: Kysely<Database>;
  transport: MailTransport;
  config: { mailFrom: string } & ActConfig;
  clock: () => Date;
}): ReportActivities {
  return {
    async submitSummaryReport(input) {
      const report = await findReport(db, input.reportId);
      if (!report)
        throw ApplicationFailure.create({
          type: 'ReportNotFound',
          nonRetryable: true,
          message: `report ${input.reportId} is not recorded`,
        });
      const group = await db
        .selectFrom('groups')
        .innerJoin('councils', 'councils.id', 'groups.council_id')
        .select(['councils.id as council_id', 'councils.name_ky', 'councils.name_ru', 'councils.email'])
        .where('groups.id', '=', report.groupId)
        .executeTakeFirstOrThrow();
      // A retry after the submission was recorded keeps the counts frozen then.
      const facts = report.facts ?? (await draftFacts(db, report.groupId, report.period, input.on));
      const base = mailBaseUrl(config);
      const link = `${base}/reports/${encodeURIComponent(report.id)}`;
      // 7.2.4: a yearly report names the annual gathering at which it is presented, if one is scheduled by now.
      const gathering = presentationGathering(
        { ...report, submittedOn: input.on },
        await groupGatherings(db, report.groupId),
        input.on,
      );
      const at = gathering ? `${dmy(gathering.scheduledOn)}${gathering.place ? `, ${gathering.place}` : ''}` : '';
      const presented = gathering
        ? {
            ky: `\nЖылдык отчет коомдоштуктун жыйынында көрсөтүлөт (7.2.4): ${at}.`,
            ru: `\nГодовой отчёт представляется на собрании местного сообщества (7.2.4): ${at}.`,
          }
        : { ky: '', ru: '' };
      const text = {
        ky: `${group.name_ky}\n${reportPlainText(report.period, facts, report.texts, 'ky')}\n${presented.ky}\n${link}?lang=ky`,
        ru: `${group.name_ru}\n${reportPlainText(report.period, facts, report.texts, 'ru')}\n${presented.ru}\n${link}?lang=ru`,
      };
      const noticeId = `report-${report.id}`;
      await publishNotice(
        db,
        {
          noticeId,
          councilId: group.council_id,
          groupId: report.groupId,
          kind: 'summary-report',
          text,
          channels: NOTICE_CHANNELS,
          publishedAt: clock(),
        },
        input.actor,
      );
      await recordSubmittedReport(
        db,
        { reportId: report.id, submittedOn: input.on, texts: report.texts, facts, noticeId },
        input.actor,
      );
      const executive = (
        await db
          .selectFrom('monitored_objects')
          .select('contacts')
          .where('council_id', '=', group.council_id)
          .where('is_executive_body', '=', true)
          .execute()
      )
        .flatMap((r) => r.contacts)
        .filter(isAddress);
      const council = group.email && isAddress(group.email) ? [group.email] : [];
      const subject = `${group.name_ky}: ${periodName(report.period, 'ky')} / ${group.name_ru}: ${periodName(report.period, 'ru')}`;
      const body = `${text.ky}\n\n— — —\n\n${text.ru}\n`;
      let mailed = 0;
      for (const [who, to] of [
        ['executive-body', executive],
        ['council', council],
      ] as const) {
        if (to.length === 0) continue;
        await sendViaOutbox(db, transport, {
          businessKey: `report:${report.id}:mail:${who}`,
          to: [...new Set(to)],
          subject,
          text: body,
          html: null,
          date: clock(),
        });
        mailed += new Set(to).size;
      }
      return { submittedOn: input.on, noticeId, mailed };
    },
  };
}
