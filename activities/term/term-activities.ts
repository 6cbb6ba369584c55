// The term procedure's own activities (5.3.1, 7.2): the council's cadence reading, the meeting mails to the members
// (7.2.1: scheduled, moved, cancelled) and the cadence warnings (7.2.2) and term reminders (5.3.1) to the chair and the
// council. Every mail goes through the outbox once per business key; only counts go back to the workflow's history
// (no address is recorded there).
import { councilReplacementPeriods } from '../../db/replacement-periods';
import type { Kysely } from 'kysely';
import { councilCadenceReading } from '../../db/councils';
import type { Database } from '../../db/database';
import { dmy } from '../../domain/messages';
import { CADENCE_READINGS } from '../../domain/meeting';
import type { MailTransport } from '../mail/build-transport';
import { isAddress } from '../mail/resolve-recipients';
import { sendViaOutbox } from '../mail/send-via-outbox';
import type { MeetingMailInput, TermMailInput } from '../../workflows/term/activities-contract';
import type { CadenceReading } from '../../workflows/term/contract';
import { refusal } from '../refusal';

type KyRu = { ky: string; ru: string };

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** One mail in Kyrgyz (first, the state language) and Russian, plain text and HTML. */
export function renderKyRuMail(subject: KyRu, body: { ky: string[]; ru: string[] }) {
  const text = [...body.ky, '', '---', '', ...body.ru, '', 'JMEG'].join('\n');
  const html = [
    '<div lang="ky">',
    ...body.ky.map((l) => `<p>${escapeHtml(l)}</p>`),
    '</div><hr><div lang="ru">',
    ...body.ru.map((l) => `<p>${escapeHtml(l)}</p>`),
    '</div>',
  ].join('');
  return { subject: `${subject.ky} / ${subject.ru}`, text, html };
}

const KIND: Record<string, KyRu> = {
  first: { ky: 'топтун биринчи жыйналышы', ru: 'первое заседание группы' },
  regular: { ky: 'топтун кезектеги жыйналышы', ru: 'очередное заседание группы' },
  extraordinary: { ky: 'топтун кезектен тышкаркы жыйналышы', ru: 'внеочередное заседание группы' },
  'annual-gathering': {
    ky: 'коомдоштуктун жыйыны (жылдык, 7.2.4)',
    ru: 'ежегодное собрание местного сообщества (7.2.4)',
  },
};

/** 7.2.1: what members are told of a meeting scheduled, moved or cancelled. */
export function renderMeetingMail(input: MeetingMailInput, groupName: KyRu) {
  const m = input.meeting;
  const kind = KIND[m.kind] ?? KIND.regular!;
  const when = `${dmy(m.date)}, ${m.time}`;
  const subject: Record<MeetingMailInput['change'], KyRu> = {
    scheduled: { ky: `Жыйналыш: ${when}`, ru: `Заседание: ${when}` },
    moved: { ky: `Жыйналыш жылдырылды: ${when}`, ru: `Заседание перенесено: ${when}` },
    cancelled: { ky: `Жыйналыш жокко чыгарылды: ${dmy(m.date)}`, ru: `Заседание отменено: ${dmy(m.date)}` },
  };
  const prev = input.previous ? `${dmy(input.previous.date)}, ${input.previous.time}, ${input.previous.place}` : '';
  const ky = {
    scheduled: [`${groupName.ky}: ${kind.ky} дайындалды (Жобонун 7.2.1-пункту).`],
    moved: [`${groupName.ky}: ${kind.ky} жылдырылды (мурда: ${prev}).`],
    cancelled: [`${groupName.ky}: ${dmy(m.date)} күнкү ${kind.ky} жокко чыгарылды. Себеби: ${m.cancelReason ?? ''}`],
  }[input.change];
  const ru = {
    scheduled: [`${groupName.ru}: назначено ${kind.ru} (пункт 7.2.1 Положения).`],
    moved: [`${groupName.ru}: ${kind.ru} перенесено (было: ${prev}).`],
    cancelled: [`${groupName.ru}: ${kind.ru} ${dmy(m.date)} отменено. Причина: ${m.cancelReason ?? ''}`],
  }[input.change];
  if (input.change !== 'cancelled') {
    ky.push(`Күнү жана убактысы: ${when}`, `Орду: ${m.place}`, `Күн тартиби: ${m.agenda}`);
    ru.push(`Дата и время: ${when}`, `Место: ${m.place}`, `Повестка: ${m.agenda}`);
  }
  return renderKyRuMail(subject[input.change], { ky, ru });
}

const READING_KYRU = (r: CadenceReading): KyRu => ({ ky: CADENCE_READINGS[r].ky, ru: CADENCE_READINGS[r].ru });

/** 7.2.2 warnings and 5.3.1 reminders to the chair and the council. */
export function renderTermMail(input: TermMailInput, groupName: KyRu) {
  const w = input.what;
  if (w.kind === 'cadence-warning') {
    const reading = READING_KYRU(w.reading);
    const none = w.meetings === 0;
    return renderKyRuMail(
      {
        ky: `${w.quarter.year}-жылдын ${w.quarter.quarter}-кварталы: жыйналыштар (7.2.2)`,
        ru: `${w.quarter.quarter}-й квартал ${w.quarter.year} г.: заседания (7.2.2)`,
      },
      {
        ky: [
          `${groupName.ky}: ${w.quarter.year}-жылдын ${w.quarter.quarter}-кварталы ${dmy(w.quarter.end)} бүтөт.`,
          none
            ? 'Бул кварталда жыйналыш болгон жок жана дайындалган жок.'
            : `Бул кварталда ${w.meetings} жыйналыш өттү же дайындалды.`,
          `Кеңеш тандаган окуу: ${reading.ky}. Бул эскертүү гана (Жобонун 7.2.2-пункту).`,
        ],
        ru: [
          `${groupName.ru}: ${w.quarter.quarter}-й квартал ${w.quarter.year} г. заканчивается ${dmy(w.quarter.end)}.`,
          none
            ? 'В этом квартале заседаний не было и не назначено.'
            : `В этом квартале проведено или назначено заседаний: ${w.meetings}.`,
          `Прочтение, выбранное кенешем: ${reading.ru}. Это только предупреждение (пункт 7.2.2 Положения).`,
        ],
      },
    );
  }
  const months = { ky: `${w.monthsBefore} ай`, ru: w.monthsBefore === 1 ? '1 месяц' : `${w.monthsBefore} месяца` };
  return renderKyRuMail(
    {
      ky: `Топтун мөөнөтү ${dmy(w.termEnd)} бүтөт (5.3.1)`,
      ru: `Срок полномочий группы истекает ${dmy(w.termEnd)} (5.3.1)`,
    },
    {
      ky: [
        `${groupName.ky}: ыйгарым укуктарынын мөөнөтү ${months.ky}дан кийин, ${dmy(w.termEnd)} бүтөт (Жобонун 5.3.1-пункту).`,
        'Айылдык кеңеш жаңы курамды түзүүнү пландай баштасын (5.4).',
      ],
      ru: [
        `${groupName.ru}: срок полномочий истекает через ${months.ru}, ${dmy(w.termEnd)} (пункт 5.3.1 Положения).`,
        'Айылному кенешу пора планировать формирование нового состава (5.4).',
      ],
    },
  );
}

async function groupContext(db: Kysely<Database>, groupId: string) {
  const row = await db
    .selectFrom('groups')
    .innerJoin('councils', 'councils.id', 'groups.council_id')
    .select(['groups.id', 'councils.id as council_id', 'councils.name_ky', 'councils.name_ru', 'councils.email'])
    .where('groups.id', '=', groupId)
    .executeTakeFirst();
  if (!row) throw refusal('GroupNotFound', `term: group ${groupId} is not recorded`);
  const name: KyRu = {
    ky: `${row.name_ky}: биргелешкен мониторинг жана баалоо тобу`,
    ru: `${row.name_ru}: группа совместного мониторинга и оценки`,
  };
  return { councilEmail: row.email, name };
}

async function memberAddresses(db: Kysely<Database>, groupId: string, role?: 'chair'): Promise<string[]> {
  let query = db
    .selectFrom('memberships')
    .innerJoin('persons', 'persons.id', 'memberships.person_id')
    .select('persons.email')
    .where('memberships.group_id', '=', groupId)
    .where('memberships.left_on', 'is', null);
  if (role) query = query.where('memberships.role', '=', role);
  const rows = await query.execute();
  return [...new Set(rows.map((r) => r.email).filter((e): e is string => e !== null && isAddress(e)))].sort();
}

export function createTermActivities({
  db,
  transport,
  clock,
}: {
  db: Kysely<Database>;
  transport: MailTransport;
  clock: () => Date;
}) {
  return {
    async loadTermSettings(input: {
      councilId: string;
    }): Promise<{ cadenceReading: CadenceReading; replacementPeriods: boolean }> {
      return {
        cadenceReading: await councilCadenceReading(db, input.councilId),
        replacementPeriods: await councilReplacementPeriods(db, input.councilId),
      };
    },

    /** 7.2.1: every current member with an address, in Bcc (members do not see each other's addresses). */
    async mailMeetingToMembers(input: MeetingMailInput): Promise<{ mailed: number }> {
      const ctx = await groupContext(db, input.groupId);
      const bcc = await memberAddresses(db, input.groupId);
      if (bcc.length === 0) return { mailed: 0 };
      await sendViaOutbox(db, transport, {
        businessKey: `term:${input.groupId}:meeting:${input.meeting.meetingId}:${input.change}:${input.seq}`,
        to: [],
        bcc,
        ...renderMeetingMail(input, ctx.name),
        date: clock(),
      });
      return { mailed: bcc.length };
    },

    /** 7.2.2, 5.3.1: the chair and the council (its address), once per key. */
    async mailTermNotice(input: TermMailInput): Promise<{ mailed: number }> {
      const ctx = await groupContext(db, input.groupId);
      const chair = await memberAddresses(db, input.groupId, 'chair');
      const council = ctx.councilEmail && isAddress(ctx.councilEmail) ? [ctx.councilEmail] : [];
      const to = [...new Set([...council, ...chair])];
      if (to.length === 0) return { mailed: 0 };
      await sendViaOutbox(db, transport, {
        businessKey: `term:${input.groupId}:${input.key}`,
        to,
        ...renderTermMail(input, ctx.name),
        date: clock(),
      });
      return { mailed: to.length };
    },
  };
}
