// The conflict-of-interest procedure's activity (workflows/conflict/activities-contract.ts): telling the group's chair
// and the council of a member's written declaration (6.3), in Kyrgyz and Russian. The workflow passes only the
// declaration's id; the member's name, the subject and the written reasons are read here from the group's record and
// go only to the chair and the council. Once per declaration: the outbox key makes a retry send nothing again.
import { ApplicationFailure } from '@temporalio/common';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import { addWorkingDays } from '../../domain/deadlines';
import { createCalendar } from '../../domain/calendar';
import { calendarEntriesFor } from '../../db/calendar-entries';
import { REMOVAL_TARGET_WORKING_DAYS } from '../../domain/conflict-of-interest';
import { dmy } from '../../domain/messages';
import type { ConflictActivities } from '../../workflows/conflict/activities-contract';
import type { MailTransport } from '../mail/build-transport';
import { isAddress } from '../mail/resolve-recipients';
import { sendViaOutbox } from '../mail/send-via-outbox';

export const conflictDeclaredKey = (declarationId: string): string => `conflict:${declarationId}:declared`;

const day = (value: unknown): string =>
  value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);

export function createConflictActivities({
  db,
  transport,
  clock,
}: {
  db: Kysely<Database>;
  transport: MailTransport;
  clock: () => Date;
}): ConflictActivities {
  return {
    async tellOfConflictDeclared({ declarationId }) {
      const d = await db
        .selectFrom('conflict_declarations as d')
        .innerJoin('persons as p', 'p.id', 'd.person_id')
        .innerJoin('groups as g', 'g.id', 'd.group_id')
        .innerJoin('councils as c', 'c.id', 'g.council_id')
        .leftJoin('monitored_objects as o', 'o.id', 'd.object_id')
        .leftJoin('plan_items as i', 'i.id', 'd.plan_item_id')
        .select([
          'd.id',
          'd.group_id',
          'd.matter',
          'd.text',
          'd.file',
          'd.declared_on',
          'p.full_name',
          'o.name as object_ky',
          'o.name_ru as object_ru',
          'i.subject as item_subject',
          'c.id as council_id',
          'c.name_ky',
          'c.name_ru',
          'c.email as council_email',
        ])
        .where('d.id', '=', declarationId)
        .executeTakeFirst();
      if (!d)
        throw ApplicationFailure.create({
          type: 'DeclarationNotFound',
          nonRetryable: true,
          message: `conflict declaration ${declarationId} is not recorded`,
        });
      const chairs = await db
        .selectFrom('memberships')
        .innerJoin('persons', 'persons.id', 'memberships.person_id')
        .select('persons.email')
        .where('memberships.group_id', '=', d.group_id)
        .where('memberships.role', '=', 'chair')
        .where('memberships.left_on', 'is', null)
        .execute();
      const to = [
        ...new Set([...chairs.map((c) => c.email), d.council_email].filter((e): e is string => !!e && isAddress(e))),
      ];
      // Nobody to tell by mail (no address on record): the procedure still tracks the removal; the group's page and
      // the chair's pending list show the declaration.
      if (to.length === 0) return { told: 0 };
      const declaredOn = day(d.declared_on);
      const calendar = createCalendar(await calendarEntriesFor(db, d.council_id));
      const target = dmy(addWorkingDays(calendar, declaredOn, REMOVAL_TARGET_WORKING_DAYS));
      const subject = {
        ky: d.object_ky ?? (d.item_subject ? `иш планынын пункту «${d.item_subject}»` : `маселе «${d.matter ?? ''}»`),
        ru:
          d.object_ru ??
          d.object_ky ??
          (d.item_subject ? `пункт плана работы «${d.item_subject}»` : `вопрос «${d.matter ?? ''}»`),
      };
      const reasons = d.text ?? '';
      const scan = d.file
        ? {
            ky: 'Сканерленген билдирүү тиркелген (топтун баракчасында).',
            ru: 'Приложен скан уведомления (на странице группы).',
          }
        : null;
      const text = [
        `${d.name_ky}`,
        `БМжБ тобунун мүчөсү ${d.full_name} ${dmy(declaredOn)} күнү кызыкчылыктардын кагылышуусу жөнүндө жазуу жүзүндө билдирди (6.3-пункт): ${subject.ky}.`,
        `Жергиликтүү кеңештин төрагасы мүчөнү ошол объекттин же маселенин мониторингинен убактылуу четтетет (6.4-пункт). Программанын максаттуу мөөнөтү: ${target} (3 жумуш күнү; мыйзамда белгиленген мөөнөт эмес, 6.3-пункттагы «дароо» деген сөз).`,
        reasons ? `Билдирүүнүн тексти:\n${reasons}` : '',
        scan?.ky ?? '',
        '— — —',
        `${d.name_ru}`,
        `Член группы ОМиО ${d.full_name} ${dmy(declaredOn)} письменно уведомил(а) о конфликте интересов (п. 6.3): ${subject.ru}.`,
        `Председатель айылного кенеша временно отстраняет члена группы от мониторинга этого объекта или вопроса (п. 6.4). Целевой срок программы: ${target} (3 рабочих дня; не установленный законом срок, п. 6.3 требует уведомлять «незамедлительно»).`,
        reasons ? `Текст уведомления:\n${reasons}` : '',
        scan?.ru ?? '',
      ]
        .filter((line) => line !== '')
        .join('\n\n');
      await sendViaOutbox(db, transport, {
        businessKey: conflictDeclaredKey(declarationId),
        to,
        subject: `Кызыкчылыктардын кагылышуусу (6.3) / Конфликт интересов (п. 6.3): ${subject.ky} / ${subject.ru}`,
        text: `${text}\n`,
        html: null,
        date: clock(),
      });
      return { told: to.length };
    },
  };
}
